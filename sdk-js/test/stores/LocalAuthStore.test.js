import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalAuthStore } from '../../src/index.js';

class MemoryStorage {
  map = new Map();
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

const user = { id: 'u1', email: 'a@example.com', createdAt: '2026-01-01T00:00:00Z' };

test('persists token and user, and a new store (a page reload) reads them back', () => {
  const storage = new MemoryStorage();
  const first = new LocalAuthStore('k', storage);
  first.save('tok', user);
  assert.deepEqual(JSON.parse(storage.getItem('k')), { token: 'tok', user });
  const second = new LocalAuthStore('k', storage);
  assert.equal(second.token, 'tok');
  assert.deepEqual(second.user, user);
  assert.equal(second.key, 'k');
  second.clear();
  assert.equal(storage.getItem('k'), null);
  assert.equal(new LocalAuthStore('k', storage).token, null);
});

test('loading does not notify; saving does', () => {
  const storage = new MemoryStorage();
  storage.setItem('k', JSON.stringify({ token: 'tok', user }));
  const store = new LocalAuthStore('k', storage);
  const seen = [];
  store.onChange((t) => seen.push(t));
  store.save('tok2', user);
  assert.deepEqual(seen, ['tok2']);
});

test('corrupt or foreign data reads as signed out', () => {
  const storage = new MemoryStorage();
  storage.setItem('a', '{not json');
  storage.setItem('b', JSON.stringify({ token: 42 }));
  assert.equal(new LocalAuthStore('a', storage).token, null);
  assert.equal(new LocalAuthStore('b', storage).token, null);
});

test('a storage that throws degrades to memory', () => {
  const broken = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceededError');
    },
    removeItem() {
      throw new Error('SecurityError');
    },
  };
  const store = new LocalAuthStore('k', broken);
  store.save('tok', user);
  assert.equal(store.token, 'tok');
  store.clear();
  assert.equal(store.token, null);
});

test('without localStorage (Node) it keeps the session in memory', () => {
  const store = new LocalAuthStore();
  store.save('tok', user);
  assert.equal(store.token, 'tok');
  store.dispose();
});
