import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackpackError, Backpack, AuthStore } from '../../src/index.js';
import { base, client, signedIn, unique, eventually, admin, CountingWebSocket, PASSWORD } from '../support/env.js';

/** Collects the events of a subscription. */
function recorder() {
  const events = [];
  const fn = (e) => events.push(e);
  fn.events = events;
  fn.snapshots = () => events.filter((e) => e.action === 'snapshot');
  fn.changes = () => events.filter((e) => e.action !== 'snapshot');
  return fn;
}

test('the socket opens lazily, is shared by subscriptions and channels, and closes when unused', async () => {
  const { bp } = await signedIn();
  assert.equal(bp.realtime.state, 'closed');
  const before = CountingWebSocket.opened;
  await bp.collection(unique('a')).list().catch(() => {});
  assert.equal(CountingWebSocket.opened, before, 'REST alone opens no socket');
  const states = [];
  bp.realtime.onState((s) => states.push(s));
  const off1 = await bp.collection(unique('a')).subscribe(() => {});
  const off2 = await bp.collection(unique('b')).subscribe(() => {}, { snapshot: true });
  const room = bp.channel(unique('room'));
  await room.join();
  assert.ok((await bp.realtime.ping()) >= 0);
  assert.equal(CountingWebSocket.opened - before, 1, 'one socket for everything');
  assert.equal(bp.realtime.state, 'open');
  assert.equal(bp.realtime.isConnected, true);
  await off1();
  await off2();
  assert.equal(bp.realtime.state, 'open', 'the channel still needs it');
  await room.leave();
  assert.equal(bp.realtime.state, 'closed', 'nothing needs it any more');
  assert.deepEqual(states.slice(0, 2), ['connecting', 'open']);
  assert.equal(states.at(-1), 'closed');
});

test('subscribe: snapshot, then create/update/delete; only matching records; leaving the filter is a delete', async () => {
  const name = unique('live');
  const writer = await signedIn();
  const reader = await signedIn();
  const todos = writer.bp.collection(name);
  const old = await todos.create({ title: 'before', done: false });
  await todos.create({ title: 'done before', done: true });
  const events = recorder();
  const unsubscribe = await reader.bp.collection(name).subscribe(events, { snapshot: true, filter: { done: false } });
  assert.equal(typeof unsubscribe, 'function');
  await eventually(() => events.snapshots().length === 1, 5000, 'snapshot');
  assert.deepEqual(events.snapshots()[0].records.map((r) => r.title), ['before']);
  assert.equal(events.snapshots()[0].next, null);

  const created = await todos.create({ title: 'new', done: false });
  await todos.create({ title: 'invisible', done: true });
  await todos.update(created.id, { title: 'renamed' });
  await todos.update(old.id, { done: true });
  await todos.delete(created.id);
  await eventually(() => events.changes().length >= 4, 5000, '4 changes');
  assert.deepEqual(
    events.changes().map((e) => [e.action, e.record.title]),
    [['create', 'new'], ['update', 'renamed'], ['delete', 'before'], ['delete', 'renamed']],
  );
  assert.equal(events.changes()[2].record.id, old.id);
  await unsubscribe();
  await todos.create({ title: 'after unsubscribe', done: false });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(events.changes().length, 4);
  reader.bp.close();
});

test('subscribe errors: signed out (401), bad filter (400) — as BackpackErrors', async () => {
  await assert.rejects(client().collection('x').subscribe(() => {}), (e) => e instanceof BackpackError && e.status === 401);
  const { bp } = await signedIn();
  await assert.rejects(bp.collection(unique('x')).subscribe(() => {}, { filter: { $where: '1' } }), (e) => {
    assert.ok(e instanceof BackpackError);
    assert.equal(e.status, 400);
    assert.ok(e.detail.length > 0);
    return true;
  });
  await assert.rejects(bp.collection(unique('x')).subscribe(/** @type {any} */ (null)), TypeError);
  bp.close();
});

test('a new token of the same user is pushed to the open socket (no reconnection)', async () => {
  const { bp, email } = await signedIn();
  const name = unique('push');
  const events = recorder();
  await bp.collection(name).subscribe(events);
  const opened = CountingWebSocket.opened;
  const oldToken = bp.auth.token;
  await bp.auth.login(email, PASSWORD);
  assert.notEqual(bp.auth.token, oldToken);
  await bp.realtime.ping(); // the auth frame went before this ping
  // ending the old session closes only that session's sockets: this one now runs on the new token
  const logoutOld = await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${oldToken}` } });
  assert.equal(logoutOld.status, 204);
  await new Promise((r) => setTimeout(r, 500));
  await bp.collection(name).create({ n: 1 });
  await eventually(() => events.changes().length === 1, 5000, 'change after token push');
  assert.equal(CountingWebSocket.opened, opened, 'no new socket');
  assert.equal(bp.realtime.state, 'open');
  bp.close();
});

test('a token of another user opens a new socket and restores the subscriptions as that user', async () => {
  const name = unique('switch');
  const alice = await signedIn();
  const bob = await signedIn();
  await alice.bp.collections.create(name, { list: 'owner', read: 'owner' });
  await alice.bp.collection(name).create({ who: 'alice' });
  await bob.bp.collection(name).create({ who: 'bob' });
  const bp = client();
  bp.authStore.save(alice.bp.auth.token, alice.user);
  const events = recorder();
  await bp.collection(name).subscribe(events, { snapshot: true });
  await eventually(() => events.snapshots().length === 1);
  assert.deepEqual(events.snapshots()[0].records.map((r) => r.who), ['alice']);
  const opened = CountingWebSocket.opened;
  bp.authStore.save(bob.bp.auth.token, bob.user);
  await eventually(() => events.snapshots().length === 2, 5000, 'snapshot as bob');
  assert.deepEqual(events.snapshots()[1].records.map((r) => r.who), ['bob']);
  assert.equal(CountingWebSocket.opened, opened + 1);
  bp.close();
});

test('a session the server ends closes the socket (4401): no reconnection until a new sign-in, then all is restored', async () => {
  const { bp, user, email } = await signedIn();
  const name = unique('ended');
  const events = recorder();
  const errors = [];
  bp.realtime.onError((e) => errors.push(e));
  const states = [];
  bp.realtime.onState((s) => states.push(s));
  await bp.collection(name).subscribe(events, { snapshot: true });
  await eventually(() => events.snapshots().length === 1);
  const opened = CountingWebSocket.opened;
  await admin(`/users/${user.id}/password`, { method: 'PUT', body: JSON.stringify({ password: 'another-password-1' }) });
  await eventually(() => bp.realtime.state === 'unauthenticated', 5000, 'unauthenticated');
  assert.ok(errors.some((e) => e instanceof BackpackError && e.status === 401));
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(CountingWebSocket.opened, opened, 'no reconnection with a dead token');
  await assert.rejects(bp.collection(unique('more')).subscribe(() => {}), (e) => e instanceof BackpackError && e.status === 401);
  await bp.auth.login(email, 'another-password-1');
  await eventually(() => events.snapshots().length === 2, 5000, 'fresh snapshot after sign-in');
  assert.equal(bp.realtime.state, 'open');
  await client().auth.login(email, 'another-password-1').then(({ token }) => {
    const other = new Backpack(base, { authStore: new AuthStore() });
    other.authStore.save(token, user);
    return other.collection(name).create({ after: true });
  });
  await eventually(() => events.changes().some((e) => e.record.after), 5000, 'change after re-sign-in');
  assert.ok(states.includes('unauthenticated'));
  bp.close();
});

test('after the server drops the socket (an oversized frame: 1009) the client reconnects and restores subscriptions (fresh snapshot) and channels', async () => {
  const { bp } = await signedIn();
  const peer = await signedIn();
  const name = unique('drop');
  const room = unique('room');
  const events = recorder();
  await bp.collection(name).subscribe(events, { snapshot: true });
  await eventually(() => events.snapshots().length === 1);
  await bp.channel(room).join();
  await peer.bp.channel(room).join();
  await eventually(() => bp.channel(room).members.length === 2, 5000, 'two members');
  const messages = [];
  bp.channel(room).on('message', (m) => messages.push(m.data));
  const states = [];
  bp.realtime.onState((s) => states.push(s));
  const opened = CountingWebSocket.opened;

  const huge = 'x'.repeat(1100 * 1024);
  await assert.rejects(bp.channel(room).publish({ huge }), (e) => e instanceof BackpackError && e.status === 0);
  await eventually(() => events.snapshots().length === 2, 10_000, 'snapshot after reconnection');
  assert.equal(CountingWebSocket.opened, opened + 1);
  assert.ok(states.includes('reconnecting'), states.join());
  assert.equal(bp.realtime.state, 'open');

  await peer.bp.collection(name).create({ after: 'drop' });
  await eventually(() => events.changes().some((e) => e.record.after === 'drop'), 5000, 'change after reconnection');
  await eventually(() => bp.channel(room).members.length === 2, 5000, 'presence after reconnection');
  await peer.bp.channel(room).publish({ text: 'still here?' });
  await eventually(() => messages.length === 1, 5000, 'message after reconnection');
  assert.deepEqual(messages, [{ text: 'still here?' }]);
  bp.close();
  peer.bp.close();
});

test('reconnect() drops the socket like a network failure; frames sent meanwhile wait for the new one', async () => {
  const { bp } = await signedIn();
  const peer = await signedIn();
  const room = unique('room');
  await bp.channel(room).join();
  await peer.bp.channel(room).join();
  const got = [];
  peer.bp.channel(room).on('message', (m) => got.push(m.data));
  bp.realtime.reconnect();
  assert.notEqual(bp.realtime.state, 'open');
  await bp.channel(room).publish('queued while reconnecting');
  await eventually(() => got.length === 1, 5000, 'queued message');
  assert.deepEqual(got, ['queued while reconnecting']);
  bp.close();
  peer.bp.close();
});

test('reconnection backs off exponentially with jitter (a server that is down)', async () => {
  const attempts = [];
  class DeadSocket {
    readyState = 0;
    constructor(url) {
      attempts.push({ url, at: Date.now() });
      setTimeout(() => this.onclose?.({ code: 1006, reason: '' }), 1);
    }
    send() {}
    close() {}
  }
  const bp = new Backpack('http://127.0.0.1:9/nowhere', { WebSocket: DeadSocket, authStore: new AuthStore(), realtime: { minDelay: 40, maxDelay: 320 } });
  bp.authStore.save('token', null);
  bp.collection('x').subscribe(() => {}).catch(() => {});
  await eventually(() => attempts.length >= 7, 10_000, '7 attempts');
  bp.close();
  const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].at);
  const ceilings = [40, 80, 160, 320, 320, 320];
  gaps.slice(0, 6).forEach((gap, i) => {
    // never earlier than half the ceiling; later only by timer lateness on a busy machine
    assert.ok(gap >= ceilings[i] / 2 - 5 && gap <= ceilings[i] + 250, `gap ${i}: ${gap} ms, expected ${ceilings[i] / 2}..${ceilings[i]}`);
  });
  assert.equal(attempts[0].url, 'ws://127.0.0.1:9/nowhere/api/realtime');
  assert.equal(bp.realtime.state, 'closed');
  const distinct = new Set(gaps.slice(3, 6).map((g) => Math.round(g / 5)));
  assert.ok(distinct.size >= 2, `jitter: ${gaps.join(', ')}`);
});

test('without a WebSocket (Node 20 without ws) realtime fails with a BackpackError that says so', async () => {
  const bp = new Backpack(base, { authStore: new AuthStore(), WebSocket: undefined });
  if (globalThis.WebSocket) {
    return; // Node 22+ has one
  }
  bp.authStore.save('t', null);
  await assert.rejects(bp.collection('x').subscribe(() => {}), (e) => e instanceof BackpackError && /WebSocket/.test(e.detail));
});
