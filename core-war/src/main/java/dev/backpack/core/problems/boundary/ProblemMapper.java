package dev.backpack.core.problems.boundary;

import dev.backpack.core.problems.entity.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProblemMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException problem) {
    return Problems.response(problem);
  }
}
