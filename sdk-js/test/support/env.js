// What every test file shares: the platform started by test/run.mjs, clients, users.
import WebSocket from 'ws';
import { Backpack, AuthStore } from '../../src/index.js';

export const base = process.env.BACKPACK_TEST_BASE || '';
export const adminKey = process.env.BACKPACK_TEST_ADMIN_KEY || '';
export const control = process.env.BACKPACK_TEST_CONTROL || '';
if (!base) {
  throw new Error('BACKPACK_TEST_BASE is not set: run the tests with `npm test` (test/run.mjs starts a platform)');
}

let counter = 0;
/** A name no other test uses: collections, emails, channels. */
export function unique(prefix = 't') {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

export const PASSWORD = 'correct-horse-battery';

/** WebSocket (from ws) that counts the sockets it opened. */
export class CountingWebSocket extends WebSocket {
  static opened = 0;
  /** @param {string} url */
  constructor(url) {
    super(url);
    CountingWebSocket.opened += 1;
  }
}

/**
 * A client of the test backpack, with fast reconnection timings.
 *
 * @param {import('../../src/Client.js').BackpackOptions} [options]
 */
export function client(options = {}) {
  return new Backpack(base, {
    WebSocket: CountingWebSocket,
    authStore: new AuthStore(),
    realtime: { minDelay: 100, maxDelay: 1000, ...(options.realtime || {}) },
    ...options,
  });
}

/** A new client signed in as a new user: `{bp, user, email}`. */
export async function signedIn(options = {}) {
  const bp = client(options);
  const email = `${unique('u')}@example.com`;
  const { user } = await bp.auth.register(email, PASSWORD);
  return { bp, user, email };
}

/** Resolves when `predicate()` is true, polling; rejects after `ms`. */
export async function eventually(predicate, ms = 10_000, what = 'condition') {
  const until = Date.now() + ms;
  for (;;) {
    const value = await predicate();
    if (value) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A raw admin API call (the SDK has no admin key: only the platform knows it). */
export async function admin(path, init = {}) {
  if (!adminKey) {
    throw new Error('no admin key (BACKPACK_TEST_ADMIN_KEY)');
  }
  const response = await fetch(`${base}/api/admin${path}`, {
    ...init,
    headers: { 'X-Backpack-Admin-Key': adminKey, 'Content-Type': 'application/json', ...(init.headers || {}) },
  });
  if (!response.ok) {
    throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
  }
  return response.status === 204 ? null : response.json();
}

/** The URL of a port nothing listens on. */
export async function freePortUrl() {
  const { freePort } = await import('./platform.js');
  return `http://127.0.0.1:${await freePort()}/nothing`;
}
