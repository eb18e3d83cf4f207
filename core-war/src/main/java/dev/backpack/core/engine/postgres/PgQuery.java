package dev.backpack.core.engine.postgres;

import dev.backpack.core.records.control.Sorting;
import java.util.List;
import org.bson.Document;

/** STUB until the real compiler lands. */
final class PgQuery {
  private PgQuery() {}

  static Sql where(Document translated) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  static Sql orderBy(Sorting sorting) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  static Sql after(Sorting sorting, List<Object> key) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
