package dev.backpack.core.problems.boundary;

import dev.backpack.core.engine.Engine;
import dev.backpack.core.problems.entity.ProblemException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Recognises failures of the database and Redis that mean "down, retry later" or "query too slow". */
final class BackendFailures {

  static final int RETRY_AFTER_SECONDS = 5;

  private BackendFailures() {}

  static ProblemException asProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Engine.QueryTooSlow) {
        return ProblemException.badRequest(
            "The query took too long; narrow the filter or avoid expensive regular expressions.");
      }
      if (t instanceof Engine.Unavailable) {
        return ProblemException.unavailable(
            "The database is not reachable; retry shortly.", RETRY_AFTER_SECONDS);
      }
      if (t instanceof JedisConnectionException) {
        return ProblemException.unavailable(
            "The session store is not reachable; retry shortly.", RETRY_AFTER_SECONDS);
      }
    }
    return null;
  }
}
