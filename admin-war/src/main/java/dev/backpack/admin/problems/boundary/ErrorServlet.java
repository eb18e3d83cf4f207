package dev.backpack.admin.problems.boundary;

import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error page (web.xml): errors outside JAX-RS (unknown static paths, bodies the
 * container refuses) get the same problem+json as the API instead of an HTML page.
 */
@WebServlet("/_error")
public class ErrorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    ProblemException problem = failure == null ? null : BackendFailures.asProblem(failure);
    if (problem == null) {
      problem = Problems.forStatus(status, request.getMethod(), uri == null ? request.getRequestURI() : uri.toString());
    }
    response.resetBuffer();
    response.setStatus(problem.status());
    response.setContentType(Problems.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    problem.headers().forEach(response::setHeader);
    response.getOutputStream().write(Problems.json(problem).toString().getBytes(StandardCharsets.UTF_8));
  }
}
