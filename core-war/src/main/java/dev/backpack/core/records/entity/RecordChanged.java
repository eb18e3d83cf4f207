package dev.backpack.core.records.entity;

/**
 * Fired (CDI event) after a record was written: {@code op} is {@code create}, {@code update} or
 * {@code delete}; {@code record} is the record after the write (for {@code delete}, as it was);
 * {@code previous} is the version an {@code update} replaced ({@code null} otherwise), so that a
 * subscriber can learn that a record left its filter. The realtime broker observes it; the record
 * store knows nothing about subscribers.
 */
public record RecordChanged(String collection, String op, StoredRecord record, StoredRecord previous) {

  public RecordChanged(String collection, String op, StoredRecord record) {
    this(collection, op, record, null);
  }
}
