package dev.backpack.core.realtime.control;

import dev.backpack.core.engine.Engine;
import dev.backpack.core.problems.entity.ProblemException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns what a control threw into the problem an error frame shows. */
final class Failures {

  private Failures() {}

  /** The problem to show, or {@code null} for an unexpected failure (log it, answer 500). */
  static ProblemException asProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) {
        return p;
      }
      if (t instanceof Engine.QueryTooSlow) {
        return ProblemException.badRequest(
            "The query took too long; narrow the filter or avoid expensive regular expressions.");
      }
      if (t instanceof Engine.Unavailable) {
        return ProblemException.unavailable("The database is not reachable; retry shortly.", 5);
      }
      if (t instanceof JedisException) {
        return ProblemException.unavailable(
            "The session store is not reachable; retry shortly.", 5);
      }
    }
    return null;
  }

  static ProblemException unexpected() {
    return new ProblemException(
        500,
        "unexpected",
        "Internal Server Error",
        "Something went wrong on the server; it has been logged.",
        null,
        null);
  }

  static ProblemException of(int status, String type, String title, String detail) {
    return new ProblemException(status, type, title, detail, null, null);
  }
}
