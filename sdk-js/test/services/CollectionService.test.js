import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, unique, client } from '../support/env.js';

test('create, get and list collections; default and custom rules', async () => {
  const { bp } = await signedIn();
  const plain = unique('col');
  const created = await bp.collections.create(plain);
  assert.equal(created.name, plain);
  assert.deepEqual(created.rules, { list: 'signedIn', read: 'signedIn', create: 'signedIn', update: 'owner', delete: 'owner' });
  assert.equal(typeof created.createdAt, 'string');
  const open = unique('col');
  const custom = await bp.collections.create(open, { read: 'public', list: 'public' });
  assert.equal(custom.rules.read, 'public');
  assert.equal(custom.rules.update, 'owner');
  assert.deepEqual(await bp.collections.get(plain), created);
  const names = (await bp.collections.list()).map((c) => c.name);
  assert.ok(names.includes(plain) && names.includes(open));
});

test('errors: 409 duplicate, 400 bad name, 404 unknown, 401 signed out', async () => {
  const { bp } = await signedIn();
  const name = unique('col');
  await bp.collections.create(name);
  await assert.rejects(bp.collections.create(name), { status: 409 });
  await assert.rejects(bp.collections.create('1bad name'), (e) => e.status === 400 && e.errors.length > 0);
  await assert.rejects(bp.collections.get(unique('none')), { status: 404 });
  await assert.rejects(client().collections.list(), { status: 401 });
});
