import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackpackError, AuthStore, Backpack } from '../../src/index.js';
import { base, client, signedIn, unique, PASSWORD } from '../support/env.js';

test('register signs in: user and token in the store, onChange fires', async () => {
  const bp = client();
  const changes = [];
  const off = bp.auth.onChange((token, user) => changes.push({ token, email: user?.email ?? null }));
  const email = `${unique('r')}@example.com`;
  const result = await bp.auth.register(email, PASSWORD);
  off();
  assert.equal(result.user.email, email);
  assert.match(result.user.id, /^[0-9a-f]{24}$/);
  assert.equal(typeof result.user.createdAt, 'string');
  assert.equal(result.user.password, undefined);
  assert.ok(result.token.length >= 22);
  assert.equal(bp.auth.token, result.token);
  assert.deepEqual(bp.auth.user, result.user);
  assert.equal(bp.auth.isSignedIn, true);
  assert.deepEqual(changes, [{ token: result.token, email }]);
});

test('login, me, logout; the old token is dead on the server afterwards', async () => {
  const { email } = await signedIn();
  const bp = client();
  const { user, token } = await bp.auth.login(email, PASSWORD);
  assert.equal(user.email, email);
  assert.deepEqual(await bp.auth.me(), user);
  await bp.auth.logout();
  assert.equal(bp.auth.token, null);
  assert.equal(bp.auth.user, null);
  assert.equal(bp.auth.isSignedIn, false);
  await assert.rejects(bp.auth.me(), { status: 401 });
  const stale = new Backpack(base, { authStore: new AuthStore() });
  stale.authStore.save(token, user);
  await assert.rejects(stale.collections.list(), { status: 401 });
  await bp.auth.logout(); // signed out already: nothing to do
});

test('me() on a token the server forgot clears the store', async () => {
  const { bp, user } = await signedIn();
  const other = client();
  other.authStore.save(bp.auth.token, user);
  await bp.auth.logout();
  const seen = [];
  other.auth.onChange((token) => seen.push(token));
  await assert.rejects(other.auth.me(), (e) => e instanceof BackpackError && e.status === 401);
  assert.equal(other.auth.token, null);
  assert.deepEqual(seen, [null]);
});

test('wrong password: 401 and the store stays as it was', async () => {
  const { email } = await signedIn();
  const bp = client();
  await assert.rejects(bp.auth.login(email, 'not-the-password'), { status: 401 });
  assert.equal(bp.auth.token, null);
});

test('a replaced token is used from the next request on (token persistence is the store\'s)', async () => {
  const a = await signedIn();
  const b = await signedIn();
  const bp = client();
  bp.authStore.save(a.bp.auth.token, a.user);
  assert.equal((await bp.auth.me()).id, a.user.id);
  bp.authStore.save(b.bp.auth.token, b.user);
  assert.equal((await bp.auth.me()).id, b.user.id);
});

test('a custom store (any object with the AuthStore members) can replace the default one', async () => {
  class SessionOnlyStore extends AuthStore {
    saved = 0;
    save(token, user) {
      this.saved += 1;
      super.save(token, user);
    }
  }
  const store = new SessionOnlyStore();
  const bp = new Backpack(base, { authStore: store });
  await bp.auth.register(`${unique('s')}@example.com`, PASSWORD);
  assert.equal(store.saved, 1);
  assert.equal((await bp.auth.me()).email, store.user.email);
  assert.equal(store.saved, 2); // me() refreshes the user
});
