// The hardest drop: the whole platform stops (SIGTERM: the server closes every socket with 1001)
// and starts again. The client retries with backoff while nothing answers, then restores every
// subscription (fresh snapshot) and channel by itself. Sessions live in Redis and survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { control, signedIn, unique, eventually } from '../support/env.js';

test('after a platform restart the client reconnects and restores subscriptions and channels', { skip: !control && 'needs a platform started by test/run.mjs' }, async () => {
  const options = { realtime: { minDelay: 200, maxDelay: 2000 } };
  const alice = await signedIn(options);
  const bob = await signedIn(options);
  const name = unique('restart');
  const room = unique('room');
  await alice.bp.collection(name).create({ n: 1 });
  await new Promise((r) => setTimeout(r, 1500)); // Redis writes its append-only file every second
  const events = [];
  await alice.bp.collection(name).subscribe((e) => events.push(e), { snapshot: true });
  await eventually(() => events.length === 1);
  const messages = [];
  alice.bp.channel(room).on('message', (m) => messages.push(m.data));
  await alice.bp.channel(room).join();
  await bob.bp.channel(room).join();
  const states = [];
  alice.bp.realtime.onState((s) => states.push(s));

  const restart = await fetch(`${control}/restart`, { method: 'POST' });
  assert.equal(restart.status, 204, await restart.text());

  await eventually(() => alice.bp.realtime.state === 'open' && events.filter((e) => e.action === 'snapshot').length === 2, 60_000, 'restored after restart');
  assert.ok(states.includes('reconnecting'), states.join());
  assert.deepEqual(events.at(-1).records.map((r) => r.n), [1]);

  await bob.bp.collection(name).create({ n: 2 });
  await eventually(() => events.some((e) => e.action === 'create' && e.record.n === 2), 10_000, 'a change after the restart');
  await eventually(() => bob.bp.realtime.state === 'open' && alice.bp.channel(room).members.length === 2, 30_000, 'both back in the channel');
  await bob.bp.channel(room).publish('back again');
  await eventually(() => messages.includes('back again'), 10_000, 'a message after the restart');
  alice.bp.close();
  bob.bp.close();
});
