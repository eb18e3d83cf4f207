import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackpackError } from '../../src/index.js';
import { signedIn, unique, eventually } from '../support/env.js';

test('join, presence, publish to the others, leave', async () => {
  const alice = await signedIn();
  const bob = await signedIn();
  const name = unique('room');
  const a = alice.bp.channel(name);
  const b = bob.bp.channel(name);
  const aMessages = [];
  const bMessages = [];
  const bPresence = [];
  a.on('message', (m) => aMessages.push(m));
  const offB = b.on('message', (m) => bMessages.push(m));
  b.on('presence', (p) => bPresence.push(p.members));
  assert.equal(a.joined, false);
  assert.deepEqual(a.members, []);

  await a.join();
  assert.equal(a.joined, true);
  await b.join();
  await b.join(); // idempotent
  await eventually(() => a.members.length === 2 && b.members.length === 2, 5000, 'both present');
  assert.deepEqual([...b.members].sort(), [alice.user.id, bob.user.id].sort());
  assert.ok(bPresence.some((m) => m.length === 2));

  await a.publish({ text: 'hi bob', n: 1 });
  await a.publish('plain string');
  await eventually(() => bMessages.length === 2, 5000, 'messages');
  assert.deepEqual(bMessages[0], { channel: name, from: { userId: alice.user.id }, data: { text: 'hi bob', n: 1 } });
  assert.equal(bMessages[1].data, 'plain string');
  assert.deepEqual(aMessages, [], 'the sender does not get its own messages');

  offB();
  await a.publish('unheard');
  await a.leave();
  assert.equal(a.joined, false);
  await eventually(() => b.members.length === 1, 5000, 'alice left');
  assert.deepEqual(b.members, [bob.user.id]);
  assert.equal(bMessages.length, 2);
  alice.bp.close();
  bob.bp.close();
});

test('errors: publish before join (403), undefined data (400), unknown event, signed out (401)', async () => {
  const { bp } = await signedIn();
  const room = bp.channel(unique('room'));
  await assert.rejects(room.publish({ x: 1 }), (e) => e instanceof BackpackError && e.status === 403);
  await room.join();
  await assert.rejects(room.publish(undefined), (e) => e instanceof BackpackError && e.status === 400);
  assert.throws(() => room.on(/** @type {any} */ ('typing'), () => {}), TypeError);
  await bp.auth.logout();
  await assert.rejects(bp.channel(unique('room')).join(), (e) => e instanceof BackpackError && e.status === 401);
  bp.close();
});
