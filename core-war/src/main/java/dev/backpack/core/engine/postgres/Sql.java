package dev.backpack.core.engine.postgres;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A fragment of SQL with its bound parameters, in order. The text never holds a value or a field
 * name: only {@code ?} placeholders, whose parameters are String, Long, Integer, Double,
 * BigDecimal, Boolean, {@link Timestamp} (bound as a UTC {@code timestamptz}), String[] (bound as
 * {@code text[]}) and {@link Jsonb} (bound as text; the SQL casts it, {@code ?::jsonb}).
 */
public record Sql(String text, List<Object> params) {

  /** A JSON text bound as a string, for a {@code ?::jsonb} placeholder. */
  public record Jsonb(String json) {}

  public Sql {
    params = List.copyOf(params);
  }

  /** Binds the parameters from {@code first} on; returns the next free index. */
  public int bind(PreparedStatement statement, int first) throws SQLException {
    int index = first;
    for (Object param : params) {
      if (param instanceof String s) {
        statement.setString(index, s);
      } else if (param instanceof Long l) {
        statement.setLong(index, l);
      } else if (param instanceof Integer i) {
        statement.setInt(index, i);
      } else if (param instanceof Double d) {
        statement.setDouble(index, d);
      } else if (param instanceof BigDecimal b) {
        statement.setBigDecimal(index, b);
      } else if (param instanceof Boolean b) {
        statement.setBoolean(index, b);
      } else if (param instanceof Timestamp t) {
        statement.setObject(index, OffsetDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC));
      } else if (param instanceof String[] array) {
        statement.setArray(index, statement.getConnection().createArrayOf("text", array));
      } else if (param instanceof Jsonb j) {
        statement.setString(index, j.json());
      } else {
        throw new IllegalArgumentException("cannot bind " + param.getClass().getName());
      }
      index++;
    }
    return index;
  }
}
