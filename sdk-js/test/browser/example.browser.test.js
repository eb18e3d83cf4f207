// The chat example (examples/chat) as a newcomer runs it — `node examples/chat/serve.mjs` against
// the platform — in Chromium: two people sign up in two browser contexts, see each other in the
// room, one writes and the other sees it live, an uploaded image is displayed. Screenshots go to
// test-output/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { base, unique, PASSWORD } from '../support/env.js';
import { launch, watch, png, screenshots } from '../support/browser.js';
import { projectRoot, freePort } from '../support/platform.js';

const platform = new URL(base);
let browser;
let serve;
let appUrl;

before(async () => {
  const port = await freePort();
  serve = spawn(
    process.execPath,
    [join(projectRoot, 'examples/chat/serve.mjs'), '--port', String(port), '--platform', platform.origin, '--backpack', platform.pathname.slice(1)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    serve.stdout.on('data', (d) => /ready at/.test(String(d)) && resolve(undefined));
    serve.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  appUrl = `http://127.0.0.1:${port}/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  serve?.kill('SIGTERM');
});

async function signUp(label) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 640 } });
  const page = await context.newPage();
  page.problems = watch(page, label);
  await page.goto(appUrl);
  await page.getByTestId('email').fill(`${label}-${unique('')}@example.com`);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('register').click();
  await page.getByTestId('chat').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'open');
  return page;
}

test('two people chat live in the example app: presence, messages, an image', async () => {
  const ada = await signUp('ada');
  const bob = await signUp('bob');
  const room = unique('room').toLowerCase();
  for (const page of [ada, bob]) {
    await page.getByTestId('room').fill(room);
    await page.getByTestId('enter-room').click();
    await page.getByTestId('room-title').filter({ hasText: room }).waitFor();
  }
  // presence: both see two members, by email once they said hello
  for (const page of [ada, bob]) {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=member]').length === 2);
  }
  await ada.waitForFunction(() => [...document.querySelectorAll('[data-testid=member]')].some((li) => li.textContent.startsWith('bob-')));

  await ada.getByTestId('text').fill('Hello Bob, this arrives live!');
  await ada.getByTestId('send').click();
  await bob.getByTestId('message').filter({ hasText: 'Hello Bob, this arrives live!' }).waitFor({ timeout: 10_000 });

  const picture = join(mkdtempSync(join(tmpdir(), 'chat-')), 'sunset.png');
  writeFileSync(picture, png(160, 100));
  await bob.getByTestId('image').setInputFiles(picture);
  for (const page of [bob, ada]) {
    const img = page.getByTestId('message-image');
    await img.waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=message-image]');
      return el && el.complete && el.naturalWidth === 160;
    });
  }
  await bob.getByTestId('text').fill('Nice picture, right?');
  await bob.getByTestId('send').click();
  await ada.getByTestId('message').filter({ hasText: 'Nice picture, right?' }).waitFor({ timeout: 10_000 });

  await ada.screenshot({ path: join(screenshots, 'example-chat-ada.png') });
  await bob.screenshot({ path: join(screenshots, 'example-chat-bob.png') });

  // the history survives a reload (records), and the session too (localStorage)
  await ada.reload();
  await ada.getByTestId('chat').waitFor({ state: 'visible' });
  await ada.getByTestId('room').fill(room);
  await ada.getByTestId('enter-room').click();
  await ada.getByTestId('message').filter({ hasText: 'Nice picture, right?' }).waitFor({ timeout: 10_000 });
  assert.equal(await ada.getByTestId('message').count(), 3);

  // sign-out shows the form again, and the other side sees one member left
  await ada.getByTestId('logout').click();
  await ada.getByTestId('signin').waitFor({ state: 'visible' });
  await bob.waitForFunction(() => document.querySelectorAll('[data-testid=member]').length === 1);
  await ada.screenshot({ path: join(screenshots, 'example-chat-signed-out.png') });
  assert.deepEqual([...ada.problems, ...bob.problems], []);
});

test('the example shows the server\'s errors (a wrong password) from BackpackError', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByTestId('email').fill(`${unique('nobody')}@example.com`);
  await page.getByTestId('password').fill('wrong-password');
  await page.getByTestId('login').click();
  await page.getByTestId('auth-error').filter({ hasText: 'Unauthorized' }).waitFor();
  await context.close();
});
