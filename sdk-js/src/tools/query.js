/**
 * Options of a list call.
 *
 * @typedef {object} ListOptions
 * @property {object|string} [filter] a filter object (`{done: false, priority: {$gte: 2}}`) or its JSON
 * @property {string|string[]} [sort] fields, `-` for descending: `'-createdAt'`, `['done', '-priority']`
 * @property {number} [limit] 1..1000 (server default 50)
 * @property {string|null} [after] the `next` cursor of the previous page
 * @property {boolean} [count] also return `total`, the number of matching records
 * @property {AbortSignal} [signal] aborts the request
 */

/**
 * The query parameters of a list call.
 *
 * @param {ListOptions} [options]
 * @returns {Record<string, string>}
 */
export function listQuery(options = {}) {
  /** @type {Record<string, string>} */
  const query = {};
  const { filter, sort, limit, after, count } = options;
  if (filter !== undefined && filter !== null) {
    const json = typeof filter === 'string' ? filter : JSON.stringify(filter);
    if (json !== '{}' && json !== '') {
      query.filter = json;
    }
  }
  if (sort !== undefined && sort !== null && sort !== '') {
    query.sort = Array.isArray(sort) ? sort.join(',') : String(sort);
  }
  if (limit !== undefined && limit !== null) {
    query.limit = String(limit);
  }
  if (after) {
    query.after = String(after);
  }
  if (count) {
    query.count = 'true';
  }
  return query;
}

/**
 * Encodes one path segment (a collection name, a record or file id).
 *
 * @param {string} segment
 * @returns {string}
 * @throws {TypeError} when the segment is empty or not a string
 */
export function segment(segment) {
  if (typeof segment !== 'string' || segment.length === 0) {
    throw new TypeError('an id or name must be a non-empty string');
  }
  return encodeURIComponent(segment);
}
