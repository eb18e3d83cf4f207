/**
 * Storing and querying records: the whitelisted filter language ({@link
 * dev.backpack.core.records.control.RecordFilter}), multi-field sort with an {@code _id}
 * tie-break, keyset cursors ({@link dev.backpack.core.records.control.Cursors}) that stay
 * efficient on deep pages through the {@code (createdAt, _id)} index, and optimistic writes.
 *
 * <p>Decisions: queries carry a time limit ({@code backpack.limits.query-millis}) and regular
 * expressions pass {@link dev.backpack.core.records.control.RegexGuard}; sort and cursor compare
 * by MongoDB's type order, so a sort field should hold one type across records.
 */
package dev.backpack.core.records.control;
