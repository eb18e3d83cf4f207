import { BaseService } from './BaseService.js';
import { listQuery, segment } from '../tools/query.js';
import { etagOf, rememberEtag } from '../tools/etags.js';

/**
 * One page of a list: the items, the cursor of the next page (null on the last one) and, when
 * asked for with `count`, the number of all matching items.
 *
 * @template T
 * @typedef {object} Page
 * @property {T[]} items
 * @property {string|null} next pass it as `after` to get the next page
 * @property {number} [total] with `count: true`
 */

/**
 * Options of a write that may be conditional.
 *
 * @typedef {object} WriteOptions
 * @property {string|object} [ifMatch] an ETag, or a record returned by `get`/`create`/`update`/`replace`:
 *   the write happens only if the record has not changed since (else a 412 BackpackError)
 * @property {AbortSignal} [signal] aborts the request
 */

/**
 * What every service over a list of items by id shares: paged lists with cursors, an async
 * iterator over all pages, reading and deleting one item.
 *
 * @template T
 */
export class CrudService extends BaseService {
  /**
   * @param {import('../Client.js').Backpack} client
   * @param {string} basePath e.g. `/api/collections/todos/records`
   * @throws {never}
   */
  constructor(client, basePath) {
    super(client);
    /** The path of the list, relative to the backpack's base URL. */
    this.basePath = basePath;
  }

  /**
   * One page of items.
   *
   * @param {import('../tools/query.js').ListOptions} [options]
   * @returns {Promise<Page<T>>}
   * @throws {BackpackError} 400 for a bad filter, sort, limit or cursor; 401/403 by the rules
   */
  async list(options = {}) {
    const page = await this.client.send(this.basePath, { query: listQuery(options), signal: options.signal });
    return {
      ...page,
      items: Array.isArray(page?.items) ? page.items : [],
      next: page?.next ?? null,
    };
  }

  /**
   * Every page, one after the other, following the `next` cursors.
   *
   * @param {import('../tools/query.js').ListOptions} [options] `limit` is the page size
   * @returns {AsyncGenerator<Page<T>, void, undefined>}
   * @throws {BackpackError} as `list`, from the page that failed
   */
  async *pages(options = {}) {
    let after = options.after ?? null;
    do {
      const page = await this.list({ ...options, after });
      yield page;
      after = page.next;
    } while (after);
  }

  /**
   * Every item of every page, fetching the next page only when the loop gets there.
   *
   * @example
   * for await (const todo of bp.collection('todos').iterate({ sort: 'createdAt' })) {
   *   console.log(todo.title);
   * }
   * @param {import('../tools/query.js').ListOptions} [options] `limit` is the page size
   * @returns {AsyncGenerator<T, void, undefined>}
   * @throws {BackpackError} as `list`, from the page that failed
   */
  async *iterate(options = {}) {
    for await (const page of this.pages(options)) {
      yield* page.items;
    }
  }

  /**
   * Every item of every page, in one array (mind the size of big lists: `iterate` streams).
   *
   * @param {import('../tools/query.js').ListOptions} [options] `limit` is the page size (default 1000)
   * @returns {Promise<T[]>}
   * @throws {BackpackError} as `list`
   */
  async listAll(options = {}) {
    const all = [];
    for await (const item of this.iterate({ limit: 1000, ...options })) {
      all.push(item);
    }
    return all;
  }

  /**
   * `for await (const item of service)`: all items with the default order and page size.
   *
   * @returns {AsyncGenerator<T, void, undefined>}
   */
  [Symbol.asyncIterator]() {
    return this.iterate();
  }

  /**
   * One item by id; its ETag is kept for `ifMatch` (see `etag`).
   *
   * @param {string} id
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<T>}
   * @throws {BackpackError} 404 when it does not exist or may not be read; 400 for a malformed id
   */
  async get(id, options = {}) {
    const response = await this.client.request(this.itemPath(id), { signal: options.signal });
    return rememberEtag(await response.json(), response.headers.get('ETag'));
  }

  /**
   * Deletes one item.
   *
   * @param {string} id
   * @param {WriteOptions} [options]
   * @returns {Promise<void>}
   * @throws {BackpackError} 404 unknown; 403 not allowed; 412 when `ifMatch` no longer matches
   */
  async delete(id, options = {}) {
    await this.client.request(this.itemPath(id), {
      method: 'DELETE',
      headers: ifMatchHeader(options.ifMatch),
      signal: options.signal,
    });
  }

  /**
   * The ETag the server sent with an item returned by `get`, `create`, `update` or `replace`.
   *
   * @param {object} item
   * @returns {string|null}
   * @throws {never}
   */
  etag(item) {
    return etagOf(item);
  }

  /**
   * The path of one item.
   *
   * @param {string} id
   * @returns {string}
   * @throws {TypeError} when id is not a non-empty string
   */
  itemPath(id) {
    return `${this.basePath}/${segment(id)}`;
  }
}

/**
 * The `If-Match` header of a conditional write.
 *
 * @param {string|object|undefined} ifMatch an ETag or a record the SDK returned
 * @returns {Record<string, string>}
 * @throws {TypeError} for a record without a known ETag
 */
export function ifMatchHeader(ifMatch) {
  if (ifMatch === undefined || ifMatch === null || ifMatch === false) {
    return {};
  }
  if (typeof ifMatch === 'string') {
    return { 'If-Match': ifMatch };
  }
  const etag = etagOf(ifMatch);
  if (!etag) {
    throw new TypeError('ifMatch: this record carries no ETag; pass one returned by get, create, update or replace');
  }
  return { 'If-Match': etag };
}
