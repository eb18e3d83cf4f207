package dev.backpack.admin.problems.boundary;

import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The API's own problems. */
@Provider
public class ProblemMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException problem) {
    return Problems.response(problem);
  }
}
