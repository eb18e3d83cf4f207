import { CrudService, ifMatchHeader } from './CrudService.js';
import { rememberEtag } from '../tools/etags.js';
import { segment } from '../tools/query.js';

/**
 * A record: your JSON fields plus the server's `id`, `owner`, `createdAt` and `updatedAt`.
 *
 * @typedef {{id: string, owner: string|null, createdAt: string, updatedAt: string, [field: string]: any}} BackpackRecord
 */

/**
 * Options of `subscribe`.
 *
 * @typedef {object} SubscribeOptions
 * @property {object} [filter] only records matching it (the same language as `list`)
 * @property {boolean} [snapshot] first a `snapshot` event with the matching records, and again after every reconnection
 * @property {string|string[]} [sort] order of the snapshot
 * @property {number} [limit] size of the snapshot (server default 100, at most 1000)
 * @property {(error: import('../BackpackError.js').BackpackError) => void} [onError] a failure after the subscription was
 *   acknowledged (e.g. refused on restore after the rules changed; it is then removed)
 */

/**
 * The records of one collection: `bp.collection('todos')`.
 *
 * @template {object} [T=BackpackRecord]
 * @extends {CrudService<T>}
 */
export class RecordService extends CrudService {
  /**
   * @param {import('../Client.js').Backpack} client
   * @param {string} name the collection's name
   * @throws {TypeError} when name is not a non-empty string
   */
  constructor(client, name) {
    super(client, `/api/collections/${segment(name)}/records`);
    /** The collection's name. */
    this.name = name;
  }

  /**
   * Creates a record owned by the signed-in user (and the collection, if it does not exist yet
   * and the backpack lets clients create collections).
   *
   * @param {Record<string, any>} data the record's fields; server fields are ignored
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<T>} the stored record, with its ETag kept
   * @throws {BackpackError} 400 bad field names or depth; 401/403 by the rules; 413 too large
   */
  async create(data, options = {}) {
    const response = await this.client.request(this.basePath, { method: 'POST', body: data, signal: options.signal });
    return rememberEtag(await response.json(), response.headers.get('ETag'));
  }

  /**
   * Merges changes into a record (JSON merge patch: a `null` value removes the field).
   *
   * @param {string} id
   * @param {Record<string, any>} patch
   * @param {import('./CrudService.js').WriteOptions} [options]
   * @returns {Promise<T>} the stored record
   * @throws {BackpackError} 404 unknown; 403 not allowed; 412 when `ifMatch` no longer matches
   */
  async update(id, patch, options = {}) {
    const response = await this.client.request(this.itemPath(id), {
      method: 'PATCH',
      body: patch,
      headers: ifMatchHeader(options.ifMatch),
      signal: options.signal,
    });
    return rememberEtag(await response.json(), response.headers.get('ETag'));
  }

  /**
   * Replaces all fields of a record.
   *
   * @example
   * const todo = await todos.get(id);
   * await todos.replace(id, { ...todo, done: true }, { ifMatch: todo }); // 412 if someone was faster
   * @param {string} id
   * @param {Record<string, any>} data the new fields; server fields are ignored
   * @param {import('./CrudService.js').WriteOptions} [options]
   * @returns {Promise<T>} the stored record
   * @throws {BackpackError} 404 unknown; 403 not allowed; 412 when `ifMatch` no longer matches
   */
  async replace(id, data, options = {}) {
    const response = await this.client.request(this.itemPath(id), {
      method: 'PUT',
      body: data,
      headers: ifMatchHeader(options.ifMatch),
      signal: options.signal,
    });
    return rememberEtag(await response.json(), response.headers.get('ETag'));
  }

  /**
   * Live changes of this collection over the client's one socket (opened on demand). The server
   * sends only records the user may read and that match the filter. After a reconnection the
   * subscription is restored by itself, with a fresh `snapshot` when one was asked for.
   *
   * @example
   * const unsubscribe = await todos.subscribe((e) => {
   *   if (e.action === 'snapshot') list = e.records;
   *   else if (e.action === 'delete') list = list.filter((t) => t.id !== e.record.id);
   *   else list = [e.record, ...list.filter((t) => t.id !== e.record.id)];
   * }, { snapshot: true, filter: { done: false } });
   * // later
   * await unsubscribe();
   * @param {(event: import('./RealtimeService.js').RecordEvent<T>) => void} callback
   * @param {SubscribeOptions} [options]
   * @returns {Promise<() => Promise<void>>} the unsubscribe function, once the server acknowledged
   * @throws {BackpackError} 401 signed out; 400 bad filter; 403 when only the admin may read; 422 too many subscriptions
   */
  subscribe(callback, options = {}) {
    const { onError, ...params } = options;
    return this.client.realtime.subscribe({ collection: this.name, ...params }, callback, { onError });
  }
}
