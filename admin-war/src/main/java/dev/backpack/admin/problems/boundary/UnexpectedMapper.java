package dev.backpack.admin.problems.boundary;

import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything not foreseen: an outage of PostgreSQL or Redis becomes 503 with {@code Retry-After};
 * anything else a 500 whose detail names an incident id that is also in the log, never a stack
 * trace.
 */
@Provider
public class UnexpectedMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    ProblemException outage = BackendFailures.asProblem(failure);
    if (outage != null) {
      LOG.log(Level.WARNING, "backing service unavailable: {0}", failure.toString());
      return Problems.response(outage);
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "incident " + incident, failure);
    return Problems.response(
        new ProblemException(500, "internal", "Internal Server Error", "Something went wrong on the server (incident " + incident + ").", null, null));
  }
}
