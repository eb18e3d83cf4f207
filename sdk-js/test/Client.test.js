import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backpack, AuthStore, LocalAuthStore, RecordService, Channel } from '../src/index.js';
import { base, client, signedIn, unique } from './support/env.js';

test('normalises the base URL and builds URLs with query parameters', () => {
  const bp = new Backpack('http://127.0.0.1:8080/shop/?x=1#y', { authStore: new AuthStore() });
  assert.equal(bp.baseUrl, 'http://127.0.0.1:8080/shop');
  assert.equal(bp.buildUrl('/api/info'), 'http://127.0.0.1:8080/shop/api/info');
  assert.equal(bp.buildUrl('api/x', { a: 'b c', skip: undefined, n: 2 }), 'http://127.0.0.1:8080/shop/api/x?a=b+c&n=2');
  assert.equal(bp.realtime.url, 'ws://127.0.0.1:8080/shop/api/realtime');
  assert.equal(new Backpack(new URL('https://shop.example.com'), { authStore: new AuthStore() }).realtime.url, 'wss://shop.example.com/api/realtime');
  assert.throws(() => new Backpack('ftp://x'), TypeError);
});

test('in Node the default auth store keeps the session in memory; a store can be passed', () => {
  const bp = new Backpack(base);
  assert.ok(bp.authStore instanceof AuthStore);
  assert.ok(!(bp.authStore instanceof LocalAuthStore));
  const store = new AuthStore();
  assert.equal(new Backpack(base, { authStore: store }).authStore, store);
});

test('collection() and channel() hand out one service per name', () => {
  const bp = client();
  assert.ok(bp.collection('todos') instanceof RecordService);
  assert.equal(bp.collection('todos'), bp.collection('todos'));
  assert.notEqual(bp.collection('todos'), bp.collection('notes'));
  assert.ok(bp.channel('room') instanceof Channel);
  assert.equal(bp.channel('room'), bp.channel('room'));
  assert.throws(() => bp.channel(''), TypeError);
  assert.throws(() => bp.collection(''), TypeError);
});

test('health and info', async () => {
  const bp = client();
  assert.deepEqual(await bp.health(), { status: 'UP' });
  const info = await bp.info();
  assert.equal(info.name, new URL(base).pathname.slice(1));
  assert.equal(typeof info.api, 'string');
  assert.equal(typeof info.instance, 'string');
});

test('every request carries X-Requested-With and, when signed in, the bearer token; extra headers too', async () => {
  const seen = [];
  const recording = (url, init) => {
    seen.push({ url: String(url), headers: new Headers(init.headers) });
    return fetch(url, init);
  };
  const bp = client({ fetch: recording, headers: { 'X-Trace': 'abc' } });
  await bp.health();
  await bp.auth.register(`${Date.now()}x@example.com`, 'correct-horse-battery');
  await bp.collections.list();
  assert.ok(seen.length >= 3);
  for (const r of seen) {
    assert.equal(r.headers.get('X-Requested-With'), 'backpack', r.url);
    assert.equal(r.headers.get('X-Trace'), 'abc');
  }
  assert.equal(seen[0].headers.get('Authorization'), null);
  assert.equal(seen.at(-1).headers.get('Authorization'), `Bearer ${bp.auth.token}`);
});

test('send returns JSON (null for 204); request returns the Response', async () => {
  const { bp } = await signedIn();
  const response = await bp.request('/api/info');
  assert.equal(response.status, 200);
  assert.equal((await response.json()).api, '1');
  const name = unique('c');
  const record = await bp.send(`/api/collections/${name}/records`, { method: 'POST', body: { a: [1, 2] } });
  assert.deepEqual(record.a, [1, 2]);
  assert.equal(await bp.send(`/api/collections/${name}/records/${record.id}`, { method: 'DELETE' }), null);
});
