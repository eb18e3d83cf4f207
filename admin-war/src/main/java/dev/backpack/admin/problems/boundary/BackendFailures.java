package dev.backpack.admin.problems.boundary;

import dev.backpack.admin.problems.entity.ProblemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Recognises failures of PostgreSQL and Redis that mean "down, retry later". */
final class BackendFailures {

  static final int RETRY_AFTER_SECONDS = 5;

  private BackendFailures() {}

  static ProblemException asProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JedisConnectionException) {
        return ProblemException.unavailable("The session store is not reachable; retry shortly.", RETRY_AFTER_SECONDS);
      }
      // SQLState class 08: connection exception; Hikari's timeout waiting for a connection
      if (t instanceof SQLTransientConnectionException
          || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
        return ProblemException.unavailable("The platform database is not reachable; retry shortly.", RETRY_AFTER_SECONDS);
      }
    }
    return null;
  }
}
