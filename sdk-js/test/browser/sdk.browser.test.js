// The SDK as a plain HTML page uses it: `import … from '{base}/sdk/backpack.js'`, no build step,
// in Chromium. The page comes from a static server on 127.0.0.1 that passes /<backpack>/ through
// to the platform (the chat example's serve.mjs), as a reverse proxy would: page, SDK, API and
// socket share one origin. (A page fulfilled by Playwright itself cannot open a socket to
// 127.0.0.1: Chromium's local network access checks block it.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { base, unique, PASSWORD, eventually } from '../support/env.js';
import { launch, watch, png, screenshots } from '../support/browser.js';
import { sdkRoot, projectRoot } from '../support/platform.js';

const platform = new URL(base);
const name = platform.pathname.slice(1);
const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>SDK page</title></head>
<body><h1>A plain page</h1><img id="img" alt="">
<script type="module">
  import * as sdk from '/${name}/sdk/backpack.js';
  window.sdk = sdk;
  window.bp = new sdk.Backpack(location.origin + '/${name}');
  document.body.dataset.ready = 'yes';
</script></body></html>`;

let browser;
let server;
let PAGE;
let pageBase;

async function openPage(context, label) {
  const page = await context.newPage();
  page.problems = watch(page, label);
  await page.goto(PAGE);
  await page.waitForSelector('body[data-ready=yes]', { state: 'attached', timeout: 15_000 });
  return page;
}

before(async () => {
  const { startServer } = await import(join(projectRoot, 'examples/chat/serve.mjs'));
  server = await startServer({ port: 0, platform: platform.origin, backpack: name, pages: { '/sdk-page.html': HTML } });
  PAGE = `http://127.0.0.1:${server.address().port}/sdk-page.html`;
  pageBase = `http://127.0.0.1:${server.address().port}/${name}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
});

test('the served SDK: text/javascript, revalidated, importable from any origin, the same as the bundle', async () => {
  const response = await fetch(`${base}/sdk/backpack.js`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/javascript/);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  const etag = response.headers.get('etag');
  assert.ok(etag);
  const served = await response.text();
  assert.match(served, /export \{ Backpack, BackpackError/);
  assert.equal((await fetch(`${base}/sdk/backpack.js`, { headers: { 'If-None-Match': etag } })).status, 304);
  const missing = await fetch(`${base}/sdk/nope.js`);
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type'), /problem\+json/);
  if (process.env.BACKPACK_TEST_SAME_BUILD !== '0') {
    const local = readFileSync(join(sdkRoot, 'dist/backpack.js'), 'utf8');
    assert.equal(served, local, 'the platform serves another build than sdk-js/dist (rebuild core-war)');
  }
});

test('in Chromium: import from {base}/sdk/backpack.js, sign up, the session survives a reload (localStorage), sign out', async () => {
  const context = await browser.newContext();
  const page = await openPage(context, 'page');
  const email = `${unique('b')}@example.com`;
  const result = await page.evaluate(
    async ({ email, password }) => {
      const { sdk, bp } = window;
      const storeType = bp.authStore.constructor.name;
      const changes = [];
      bp.auth.onChange((token, user) => changes.push(user?.email ?? null));
      const { user } = await bp.auth.register(email, password);
      const key = bp.authStore.key;
      return { storeType, user, key, stored: JSON.parse(localStorage.getItem(key)), changes, exports: Object.keys(sdk).sort() };
    },
    { email, password: PASSWORD },
  );
  assert.equal(result.storeType, 'LocalAuthStore');
  assert.equal(result.user.email, email);
  assert.equal(result.key, `backpack_auth:${pageBase}`);
  assert.equal(result.stored.user.email, email);
  assert.deepEqual(result.changes, [email]);
  assert.ok(result.exports.includes('Backpack') && result.exports.includes('BackpackError') && result.exports.includes('LocalAuthStore'));

  await page.reload();
  await page.waitForSelector('body[data-ready=yes]', { state: 'attached' });
  const afterReload = await page.evaluate(async () => ({ stored: window.bp.auth.user?.email, me: (await window.bp.auth.me()).email }));
  assert.deepEqual(afterReload, { stored: email, me: email });

  // a second tab of the same origin follows sign-out (storage event)
  const tab = await openPage(context, 'tab');
  assert.equal(await tab.evaluate(() => window.bp.auth.user?.email), email);
  await tab.evaluate(() => {
    window.signedOut = new Promise((resolve) => window.bp.auth.onChange((token) => token === null && resolve(true)));
  });
  await page.evaluate(() => window.bp.auth.logout());
  assert.equal(await tab.evaluate(() => window.signedOut), true);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), result.key), null);
  assert.deepEqual([...page.problems, ...tab.problems], []);
  await context.close();
});

test('in Chromium: records, errors as BackpackError, pagination, upload with progress (XHR) shown in an <img>', async () => {
  const context = await browser.newContext();
  const page = await openPage(context, 'page');
  const pngBytes = [...png(120, 80)];
  const out = await page.evaluate(
    async ({ email, password, collection, pngBytes }) => {
      const { sdk, bp } = window;
      await bp.auth.register(email, password);
      const notes = bp.collection(collection);
      const first = await notes.create({ n: 0, text: 'hello from the browser' });
      for (let n = 1; n < 12; n++) await notes.create({ n });
      const seen = [];
      for await (const note of notes.iterate({ sort: 'n', limit: 5 })) seen.push(note.n);
      let error;
      try {
        await notes.replace(first.id, { n: -1 }, { ifMatch: '"stale"' });
      } catch (e) {
        error = { isBackpackError: e instanceof sdk.BackpackError, status: e.status, title: e.title, detail: e.detail };
      }
      const progress = [];
      const info = await bp.files.upload(new File([new Uint8Array(pngBytes)], 'picture.png', { type: 'image/png' }), {
        public: false,
        onProgress: (p) => progress.push(p),
      });
      // a private file shows on the backpack's own origin: the browser sends the session cookie
      const img = document.getElementById('img');
      img.src = bp.files.url(info);
      await img.decode();
      const blob = await bp.files.download(info.id);
      return { seen, error, info, progress, width: img.naturalWidth, height: img.naturalHeight, blob: { size: blob.size, type: blob.type } };
    },
    { email: `${unique('b')}@example.com`, password: PASSWORD, collection: unique('notes'), pngBytes },
  );
  assert.deepEqual(out.seen, [...Array(12).keys()]);
  assert.deepEqual(out.error, { isBackpackError: true, status: 412, title: 'Precondition Failed', detail: out.error.detail });
  assert.equal(out.info.contentType, 'image/png');
  assert.equal(out.info.size, pngBytes.length);
  assert.ok(out.progress.length >= 1);
  assert.equal(out.progress.at(-1).loaded, out.progress.at(-1).total);
  assert.equal(out.width, 120);
  assert.equal(out.height, 80);
  assert.deepEqual(out.blob, { size: pngBytes.length, type: 'image/png' });
  await page.screenshot({ path: join(screenshots, 'sdk-page-image.png') });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('in Chromium: two users live — a subscription sees the other\'s record, a channel carries messages and presence', async () => {
  const collection = unique('live');
  const roomName = unique('room');
  const pages = [];
  for (const name of ['alice', 'bob']) {
    const context = await browser.newContext();
    const page = await openPage(context, name);
    await page.evaluate(
      async ({ email, password, collection, roomName }) => {
        const { bp } = window;
        await bp.auth.register(email, password);
        window.events = [];
        window.messages = [];
        await bp.collection(collection).subscribe((e) => window.events.push(e), { snapshot: true });
        const room = bp.channel(roomName);
        room.on('message', (m) => window.messages.push(m.data));
        await room.join();
      },
      { email: `${unique(name)}@example.com`, password: PASSWORD, collection, roomName },
    );
    pages.push(page);
  }
  const [alice, bob] = pages;
  await eventually(async () => (await alice.evaluate((r) => window.bp.channel(r).members.length, roomName)) === 2, 10_000, 'presence of two');
  await bob.evaluate((c) => window.bp.collection(c).create({ from: 'bob' }), collection);
  await eventually(async () => alice.evaluate(() => window.events.some((e) => e.action === 'create' && e.record.from === 'bob')), 10_000, 'alice sees bob\'s record');
  await alice.evaluate((r) => window.bp.channel(r).publish({ text: 'hi bob' }), roomName);
  await eventually(async () => (await bob.evaluate(() => window.messages.length)) === 1, 10_000, 'bob gets the message');
  assert.deepEqual(await bob.evaluate(() => window.messages), [{ text: 'hi bob' }]);
  // the socket of a page is re-established after it drops, with a fresh snapshot
  await bob.evaluate(() => window.bp.realtime.reconnect());
  await eventually(async () => bob.evaluate(() => window.events.filter((e) => e.action === 'snapshot').length === 2 && window.bp.realtime.state === 'open'), 10_000, 'bob restored');
  assert.deepEqual([...alice.problems, ...bob.problems], []);
  for (const page of pages) {
    await page.context().close();
  }
});
