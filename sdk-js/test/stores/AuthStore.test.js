import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthStore } from '../../src/index.js';

const user = { id: 'u1', email: 'a@example.com', createdAt: '2026-01-01T00:00:00Z' };

test('starts signed out', () => {
  const store = new AuthStore();
  assert.equal(store.token, null);
  assert.equal(store.user, null);
  assert.equal(store.isValid, false);
});

test('save and clear notify the listeners with (token, user)', () => {
  const store = new AuthStore();
  const seen = [];
  const off = store.onChange((token, u) => seen.push([token, u?.id ?? null]));
  store.save('t1', user);
  assert.equal(store.token, 't1');
  assert.equal(store.user, user);
  assert.equal(store.isValid, true);
  store.clear();
  off();
  store.save('t2', user);
  assert.deepEqual(seen, [['t1', 'u1'], [null, null]]);
});

test('onChange can fire immediately; a failing listener does not stop the others', () => {
  const store = new AuthStore();
  store.save('t', user);
  const seen = [];
  const original = console.error;
  console.error = () => {};
  try {
    store.onChange(() => {
      throw new Error('listener bug');
    });
    store.onChange((token) => seen.push(token), true);
    store.save('t2', user);
  } finally {
    console.error = original;
  }
  assert.deepEqual(seen, ['t', 't2']);
});

test('a token without user keeps user null; a null token drops the user', () => {
  const store = new AuthStore();
  store.save('t');
  assert.equal(store.user, null);
  store.save(null, user);
  assert.equal(store.user, null);
  assert.throws(() => store.save(/** @type {any} */ (42)), TypeError);
  assert.throws(() => store.onChange(/** @type {any} */ ('nope')), TypeError);
});
