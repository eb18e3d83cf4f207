import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etagOf } from '../../src/index.js';
import { signedIn, unique } from '../support/env.js';

test('create, get, update (merge; null removes), replace, delete', async () => {
  const { bp, user } = await signedIn();
  const todos = bp.collection(unique('todos'));
  const created = await todos.create({ title: 'write tests', done: false, tags: ['sdk'], meta: { a: 1, b: 2 }, id: 'ignored', owner: 'ignored' });
  assert.match(created.id, /^[0-9a-f]{24}$/);
  assert.equal(created.owner, user.id);
  assert.equal(created.title, 'write tests');
  assert.equal(typeof created.createdAt, 'string');
  assert.equal(created.createdAt, created.updatedAt);
  assert.deepEqual(await todos.get(created.id), created);

  const merged = await todos.update(created.id, { done: true, tags: null, meta: { b: null, c: 3 } });
  assert.equal(merged.done, true);
  assert.equal('tags' in merged, false);
  assert.deepEqual(merged.meta, { a: 1, c: 3 });
  assert.equal(merged.title, 'write tests');

  const replaced = await todos.replace(created.id, { title: 'only this' });
  assert.equal(replaced.title, 'only this');
  assert.equal('done' in replaced, false);
  assert.equal(replaced.id, created.id);
  assert.equal(replaced.createdAt, created.createdAt);

  await todos.delete(created.id);
  await assert.rejects(todos.get(created.id), { status: 404 });
});

test('ETags: kept per returned record, sent as If-Match (string or record); 412 when stale', async () => {
  const { bp } = await signedIn();
  const notes = bp.collection(unique('notes'));
  const v1 = await notes.create({ text: 'v1' });
  assert.match(etagOf(v1), /^"[0-9a-f]{24}-1"$/);
  assert.equal(notes.etag(v1), etagOf(v1));
  const read = await notes.get(v1.id);
  assert.equal(notes.etag(read), etagOf(v1));

  const v2 = await notes.replace(v1.id, { ...read, text: 'v2' }, { ifMatch: read });
  assert.equal(v2.text, 'v2');
  assert.match(notes.etag(v2), /-2"$/);
  await assert.rejects(notes.replace(v1.id, { text: 'lost update' }, { ifMatch: read }), (e) => e.status === 412 && /changed/.test(e.detail));
  await assert.rejects(notes.update(v1.id, { text: 'lost update' }, { ifMatch: notes.etag(v1) }), { status: 412 });
  const v3 = await notes.update(v1.id, { text: 'v3' }, { ifMatch: notes.etag(v2) });
  await assert.rejects(notes.delete(v1.id, { ifMatch: v2 }), { status: 412 });
  await notes.delete(v1.id, { ifMatch: v3 });
  await assert.rejects(notes.replace(v1.id, {}, { ifMatch: { no: 'etag' } }), TypeError);
  const listed = (await notes.list()).items;
  assert.deepEqual(listed, []);
});

test('list: filter, sort, limit, count and cursors', async () => {
  const { bp } = await signedIn();
  const items = bp.collection(unique('items'));
  for (let n = 1; n <= 7; n++) {
    await items.create({ n, even: n % 2 === 0, name: `item-${n}` });
  }
  const all = await items.list({ sort: 'n' });
  assert.deepEqual(all.items.map((r) => r.n), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(all.next, null);
  assert.equal(all.total, undefined);

  const byDefault = await items.list();
  assert.deepEqual(byDefault.items.map((r) => r.n), [7, 6, 5, 4, 3, 2, 1], 'default sort is -createdAt');

  const page1 = await items.list({ filter: { even: false }, sort: '-n', limit: 2, count: true });
  assert.deepEqual(page1.items.map((r) => r.n), [7, 5]);
  assert.equal(page1.total, 4);
  assert.equal(typeof page1.next, 'string');
  const page2 = await items.list({ filter: { even: false }, sort: '-n', limit: 2, after: page1.next });
  assert.deepEqual(page2.items.map((r) => r.n), [3, 1]);

  const ops = await items.list({ filter: { $or: [{ n: { $lte: 2 } }, { name: { $regex: '^item-7$' } }] }, sort: ['even', 'n'] });
  assert.deepEqual(ops.items.map((r) => r.n), [1, 7, 2]);
  const asString = await items.list({ filter: JSON.stringify({ n: { $in: [3, 4] } }), sort: 'n' });
  assert.deepEqual(asString.items.map((r) => r.n), [3, 4]);

  await assert.rejects(items.list({ filter: { $where: 'sleep(1000)' } }), { status: 400 });
  await assert.rejects(items.list({ limit: 0 }), (e) => e.status === 400 && e.fieldErrors.limit !== undefined);
});

test('pagination as async iterators: iterate, pages, listAll, for await over the service', async () => {
  const { bp } = await signedIn();
  const many = bp.collection(unique('many'));
  for (let n = 0; n < 23; n++) {
    await many.create({ n });
  }
  const seen = [];
  for await (const record of many.iterate({ sort: 'n', limit: 5 })) {
    seen.push(record.n);
  }
  assert.deepEqual(seen, [...Array(23).keys()]);

  const sizes = [];
  for await (const page of many.pages({ sort: 'n', limit: 10 })) {
    sizes.push(page.items.length);
  }
  assert.deepEqual(sizes, [10, 10, 3]);

  const firstThree = [];
  for await (const record of many.iterate({ sort: 'n', limit: 2 })) {
    firstThree.push(record.n);
    if (firstThree.length === 3) {
      break; // stops fetching
    }
  }
  assert.deepEqual(firstThree, [0, 1, 2]);

  assert.equal((await many.listAll({ filter: { n: { $gte: 20 } } })).length, 3);
  let count = 0;
  for await (const record of many) {
    assert.equal(typeof record.n, 'number');
    count += 1;
  }
  assert.equal(count, 23);
});

test('rules: the owner rule filters lists and forbids others\' writes', async () => {
  const name = unique('private');
  const alice = await signedIn();
  const bob = await signedIn();
  await alice.bp.collections.create(name, { list: 'owner', read: 'owner' });
  const secret = await alice.bp.collection(name).create({ secret: true });
  await bob.bp.collection(name).create({ mine: true });
  assert.deepEqual((await bob.bp.collection(name).list()).items.map((r) => r.mine), [true]);
  await assert.rejects(bob.bp.collection(name).get(secret.id), (e) => e.status === 403 || e.status === 404);
  await assert.rejects(bob.bp.collection(name).delete(secret.id), (e) => e.status === 403 || e.status === 404);
});
