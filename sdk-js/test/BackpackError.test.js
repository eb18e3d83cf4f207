import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackpackError, Backpack, AuthStore } from '../src/index.js';
import { base, client, signedIn, unique, PASSWORD, freePortUrl } from './support/env.js';

test('fromResponse reads problem+json: status, type, title, detail, errors, Retry-After', async () => {
  const response = new Response(
    JSON.stringify({
      type: 'urn:backpack:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: 'password: must have 8 to 1024 characters',
      errors: [{ field: 'password', message: 'must have 8 to 1024 characters' }],
    }),
    { status: 400, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' } },
  );
  const e = await BackpackError.fromResponse(response);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'BackpackError');
  assert.equal(e.status, 400);
  assert.equal(e.type, 'urn:backpack:problem:validation');
  assert.equal(e.title, 'Bad Request');
  assert.equal(e.detail, 'password: must have 8 to 1024 characters');
  assert.deepEqual(e.errors, [{ field: 'password', message: 'must have 8 to 1024 characters' }]);
  assert.deepEqual(e.fieldErrors, { password: 'must have 8 to 1024 characters' });
  assert.equal(e.retryAfter, 7);
  assert.match(e.message, /^400 Bad Request: password/);
  assert.equal(JSON.parse(JSON.stringify(e)).status, 400);
});

test('fromResponse copes with a body that is not JSON', async () => {
  const e = await BackpackError.fromResponse(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
  assert.equal(e.status, 502);
  assert.equal(e.title, 'Bad Gateway');
  assert.equal(e.detail, '<html>bad gateway</html>');
  assert.deepEqual(e.errors, []);
  assert.equal(e.retryAfter, null);
});

test('fromFrame reads a realtime error frame', () => {
  const e = BackpackError.fromFrame({ type: 'error', id: 3, status: 403, detail: 'no', errors: [{ field: 'x', message: 'y' }] }, 'ws://h/api/realtime');
  assert.equal(e.status, 403);
  assert.equal(e.title, 'Forbidden');
  assert.equal(e.detail, 'no');
  assert.deepEqual(e.fieldErrors, { x: 'y' });
  assert.equal(e.url, 'ws://h/api/realtime');
});

test('from wraps network failures (status 0) and aborts (isAbort), keeps BackpackErrors', () => {
  const network = BackpackError.from(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }), 'http://x');
  assert.equal(network.status, 0);
  assert.equal(network.isAbort, false);
  assert.match(network.detail, /ECONNREFUSED/);
  const abort = BackpackError.from(new DOMException('aborted', 'AbortError'));
  assert.equal(abort.isAbort, true);
  assert.equal(abort.status, 0);
  const same = new BackpackError({ status: 404 });
  assert.equal(BackpackError.from(same), same);
});

test('the server\'s validation errors arrive as a BackpackError with field errors', async () => {
  const bp = client();
  await assert.rejects(bp.auth.register(`${unique('v')}@example.com`, 'short'), (e) => {
    assert.ok(e instanceof BackpackError);
    assert.equal(e.status, 400);
    assert.equal(e.title, 'Bad Request');
    assert.ok(e.detail.length > 0);
    assert.equal(typeof e.fieldErrors.password, 'string');
    assert.equal(e.url, `${base}/api/auth/register`);
    return true;
  });
});

test('401, 403, 404, 409 and 412 from the server', async () => {
  const anonymous = client();
  await assert.rejects(anonymous.collections.list(), { name: 'BackpackError', status: 401 });
  const { bp, email } = await signedIn();
  await assert.rejects(client().auth.register(email, PASSWORD), { status: 409 });
  await assert.rejects(bp.collection(unique('c')).get('0123456789abcdef01234567'), { status: 404 });
  const name = unique('c');
  const mine = await bp.collection(name).create({ n: 1 });
  const { bp: other } = await signedIn();
  await assert.rejects(other.collection(name).update(mine.id, { n: 2 }), { status: 403 });
  await assert.rejects(bp.collection(name).replace(mine.id, { n: 3 }, { ifMatch: '"stale"' }), { status: 412 });
});

test('429 carries retryAfter (login attempts are rate limited)', async () => {
  const bp = client();
  const { email } = await signedIn();
  let limited = null;
  for (let i = 0; i < 30 && !limited; i++) {
    try {
      await bp.auth.login(email, 'wrong-password-' + i);
    } catch (e) {
      assert.ok(e instanceof BackpackError);
      if (e.status === 429) {
        limited = e;
      } else {
        assert.equal(e.status, 401);
      }
    }
  }
  assert.ok(limited, 'no 429 after 30 wrong passwords');
  assert.equal(limited.title, 'Too Many Requests');
  assert.ok(limited.retryAfter > 0, `retryAfter ${limited.retryAfter}`);
});

test('a server that cannot be reached is a BackpackError with status 0', async () => {
  const bp = new Backpack(await freePortUrl(), { authStore: new AuthStore() });
  await assert.rejects(bp.health(), (e) => {
    assert.ok(e instanceof BackpackError);
    assert.equal(e.status, 0);
    assert.equal(e.isAbort, false);
    return true;
  });
});

test('an aborted request is a BackpackError with isAbort', async () => {
  const bp = client();
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(bp.health({ signal: controller.signal }), { name: 'BackpackError', status: 0, isAbort: true });
});
