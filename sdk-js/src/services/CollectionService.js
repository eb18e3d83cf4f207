import { BaseService } from './BaseService.js';
import { segment } from '../tools/query.js';

/**
 * Who may do what with a collection's records: `public`, `signedIn`, `owner` (the record's owner)
 * or `admin` (the admin key only). Default: list/read/create `signedIn`, update/delete `owner`.
 *
 * @typedef {object} Rules
 * @property {'public'|'signedIn'|'owner'|'admin'} [list]
 * @property {'public'|'signedIn'|'owner'|'admin'} [read]
 * @property {'public'|'signedIn'|'owner'|'admin'} [create]
 * @property {'public'|'signedIn'|'owner'|'admin'} [update]
 * @property {'public'|'signedIn'|'owner'|'admin'} [delete]
 */

/**
 * @typedef {object} CollectionInfo
 * @property {string} name
 * @property {Required<Rules>} rules
 * @property {string} createdAt ISO-8601
 */

/**
 * The backpack's collections: `bp.collections` (their records: `bp.collection(name)`).
 */
export class CollectionService extends BaseService {
  /**
   * All collections.
   *
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<CollectionInfo[]>}
   * @throws {BackpackError} 401 when signed out
   */
  async list(options = {}) {
    return this.client.send('/api/collections', { signal: options.signal });
  }

  /**
   * One collection.
   *
   * @param {string} name
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<CollectionInfo>}
   * @throws {BackpackError} 404 unknown; 401 when signed out
   */
  async get(name, options = {}) {
    return this.client.send(`/api/collections/${segment(name)}`, { signal: options.signal });
  }

  /**
   * Creates a collection (allowed to signed-in users while the backpack's `clientCollections`
   * setting is on, the default). Writing a record to a missing collection creates it too.
   *
   * @param {string} name `^[A-Za-z][A-Za-z0-9_-]{0,63}$`, not reserved
   * @param {Rules} [rules] missing rules keep their defaults
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<CollectionInfo>}
   * @throws {BackpackError} 409 when it exists; 400 bad name or rules; 401/403
   */
  async create(name, rules, options = {}) {
    /** @type {{name: string, rules?: Rules}} */
    const body = { name };
    if (rules) {
      body.rules = rules;
    }
    return this.client.send('/api/collections', { method: 'POST', body, signal: options.signal });
  }
}
