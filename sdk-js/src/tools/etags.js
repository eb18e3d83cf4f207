/** ETags of records, by the record objects the SDK returned (kept only as long as the object lives). */
const ETAGS = new WeakMap();

/**
 * Remembers the ETag the server sent with a record.
 *
 * @template {object} T
 * @param {T} record a record object returned by the SDK
 * @param {string|null} etag the `ETag` header
 * @returns {T} the record
 */
export function rememberEtag(record, etag) {
  if (record && typeof record === 'object' && etag) {
    ETAGS.set(record, etag);
  }
  return record;
}

/**
 * The ETag the server sent with a record returned by `get`, `create`, `update` or `replace`
 * (records of `list` and of realtime events carry none). Pass it, or the record itself, as
 * `ifMatch` to write only if nobody changed the record since.
 *
 * @param {object} record
 * @returns {string|null}
 * @throws {never}
 */
export function etagOf(record) {
  return (record && typeof record === 'object' && ETAGS.get(record)) || null;
}
