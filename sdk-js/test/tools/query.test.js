import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listQuery, segment } from '../../src/tools/query.js';
import { etagOf, rememberEtag } from '../../src/tools/etags.js';

test('listQuery serialises filter, sort, limit, after, count', () => {
  assert.deepEqual(listQuery(), {});
  assert.deepEqual(
    listQuery({ filter: { done: false, n: { $gte: 2 } }, sort: ['done', '-n'], limit: 10, after: 'c1', count: true }),
    { filter: '{"done":false,"n":{"$gte":2}}', sort: 'done,-n', limit: '10', after: 'c1', count: 'true' },
  );
  assert.deepEqual(listQuery({ filter: '{"a":1}', sort: '-createdAt', count: false, after: null }), { filter: '{"a":1}', sort: '-createdAt' });
  assert.deepEqual(listQuery({ filter: {} }), {});
});

test('segment encodes ids and refuses empty ones', () => {
  assert.equal(segment('a/b c'), 'a%2Fb%20c');
  assert.throws(() => segment(''), TypeError);
  assert.throws(() => segment(/** @type {any} */ (undefined)), TypeError);
});

test('etags are remembered per object', () => {
  const record = { id: 'x' };
  assert.equal(etagOf(record), null);
  assert.equal(rememberEtag(record, '"x-1"'), record);
  assert.equal(etagOf(record), '"x-1"');
  assert.equal(etagOf({ ...record }), null);
  assert.equal(etagOf(/** @type {any} */ (null)), null);
});
