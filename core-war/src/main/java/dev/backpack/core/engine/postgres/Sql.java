package dev.backpack.core.engine.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A fragment of SQL with its bound parameters, in order. STUB until PgQuery lands.
 */
public record Sql(String text, List<Object> params) {

  /** Binds the parameters from {@code first} on; returns the next free index. */
  public int bind(PreparedStatement statement, int first) throws SQLException {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
