package dev.backpack.admin.problems.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (no such route, wrong method, wrong media type) as problem+json. */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uri;
  @Context Request request;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    Response problem = Problems.response(Problems.forStatus(original.getStatus(), request.getMethod(), "/admin/api/" + uri.getPath(false)));
    Response.ResponseBuilder builder = Response.fromResponse(problem);
    String allow = original.getHeaderString("Allow");
    if (allow != null) {
      builder.header("Allow", allow);
    }
    return builder.build();
  }
}
