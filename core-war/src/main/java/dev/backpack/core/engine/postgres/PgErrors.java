package dev.backpack.core.engine.postgres;

import dev.backpack.core.engine.Engine;
import dev.backpack.core.problems.entity.ProblemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** What a failed statement means for the caller, by its SQLSTATE. */
final class PgErrors {

  private PgErrors() {}

  static RuntimeException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("23505")) {
      return new Engine.Duplicate(e.getMessage(), e);
    }
    if (state.equals("23503")) {
      return new PostgresEngine.Gone(e);
    }
    if (state.equals("57014")) {
      return new Engine.QueryTooSlow(e.getMessage(), e);
    }
    if (state.equals("2201B")) {
      return ProblemException.invalid("filter", "the regular expression cannot run here; simplify it");
    }
    // 08: connection exceptions; 53: insufficient resources (too many connections); 57P: the
    // server shuts down or starts; Hikari's timeout waiting for a connection
    if (state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("57P")
        || e instanceof SQLTransientConnectionException) {
      return new Engine.Unavailable(e.getMessage(), e);
    }
    return new IllegalStateException("database error " + state + ": " + e.getMessage(), e);
  }
}
