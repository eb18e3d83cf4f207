import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { signedIn, client, base } from '../support/env.js';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

test('upload a Blob, read its metadata, download its bytes, delete it', async () => {
  const { bp, user } = await signedIn();
  const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
  const info = await bp.files.upload(new Blob([bytes], { type: 'application/octet-stream' }), { name: 'data.bin' });
  assert.match(info.id, /^[0-9a-f]+$/);
  assert.equal(info.name, 'data.bin');
  assert.equal(info.size, bytes.length);
  assert.equal(info.sha256, sha256(bytes));
  assert.equal(info.owner, user.id);
  assert.equal(info.public, false);
  assert.equal(info.url, `${new URL(base).pathname}/api/files/${info.id}`);
  assert.deepEqual(await bp.files.get(info.id), info);
  assert.equal(bp.files.url(info.id), `${base}/api/files/${info.id}`);
  assert.equal(bp.files.url(info), bp.files.url(info.id));

  const blob = await bp.files.download(info.id);
  assert.equal(blob.size, bytes.length);
  assert.equal(sha256(new Uint8Array(await blob.arrayBuffer())), info.sha256);

  await bp.files.delete(info.id);
  await assert.rejects(bp.files.get(info.id), { status: 404 });
});

test('upload a File (its own name), bytes and text; public files are readable by anyone through url()', async () => {
  const { bp } = await signedIn();
  const file = new File(['<p>hi</p>'], 'page.txt', { type: 'text/plain' });
  const fromFile = await bp.files.upload(file);
  assert.equal(fromFile.name, 'page.txt');
  assert.equal(fromFile.contentType, 'text/plain');
  const fromBytes = await bp.files.upload(new TextEncoder().encode('bytes'), { name: 'b.txt' });
  assert.equal(fromBytes.size, 5);
  const text = await bp.files.upload('hello, public world', { name: 'hello.txt', public: true });
  assert.equal(text.public, true);

  const anonymous = await fetch(bp.files.url(text));
  assert.equal(anonymous.status, 200);
  assert.equal(await anonymous.text(), 'hello, public world');
  const privateOne = await fetch(bp.files.url(fromFile));
  assert.equal(privateOne.status, 404);
  const { bp: other } = await signedIn();
  await assert.rejects(other.files.download(fromFile.id), { status: 404 });
  assert.equal(await (await other.files.download(text.id)).text(), 'hello, public world');
  await assert.rejects(other.files.delete(text.id), { status: 403 });
  await assert.rejects(bp.files.upload(/** @type {any} */ (42)), TypeError);
});

test('onProgress reports the bytes going out, up to the total', async () => {
  const { bp } = await signedIn();
  const bytes = new Uint8Array(2 * 1024 * 1024 + 17).fill(65);
  const progress = [];
  const info = await bp.files.upload(new Blob([bytes]), { name: 'big.bin', onProgress: (p) => progress.push(p) });
  assert.equal(info.size, bytes.length);
  assert.ok(progress.length >= 3, `${progress.length} progress events`);
  const last = progress.at(-1);
  assert.equal(last.loaded, last.total);
  assert.ok(last.total > bytes.length);
  for (let i = 1; i < progress.length; i++) {
    assert.ok(progress[i].loaded >= progress[i - 1].loaded);
  }
});

test('list and iterate the user\'s own files, newest first', async () => {
  const { bp } = await signedIn();
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await bp.files.upload(`file ${i}`, { name: `f${i}.txt` })).id);
  }
  const page = await bp.files.list({ limit: 2 });
  assert.equal(page.items.length, 2);
  assert.equal(typeof page.next, 'string');
  const all = [];
  for await (const f of bp.files.iterate({ limit: 2 })) {
    all.push(f.id);
  }
  assert.deepEqual([...all].sort(), [...ids].sort());
  const { bp: other } = await signedIn();
  assert.deepEqual((await other.files.list()).items, []);
  await assert.rejects(client().files.list(), { status: 401 });
});

test('an aborted upload rejects with isAbort', async () => {
  const { bp } = await signedIn();
  const controller = new AbortController();
  const upload = bp.files.upload(new Blob([new Uint8Array(8 * 1024 * 1024)]), {
    name: 'aborted.bin',
    signal: controller.signal,
    onProgress: (p) => {
      if (p.loaded > 1024 * 1024) {
        controller.abort();
      }
    },
  });
  await assert.rejects(upload, (e) => e.name === 'BackpackError' && e.isAbort === true);
});
