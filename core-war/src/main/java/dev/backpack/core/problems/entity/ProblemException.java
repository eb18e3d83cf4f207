package dev.backpack.core.problems.entity;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, rendered as RFC 9457 {@code application/problem+json}.
 * Controls throw it; the boundary maps it. It carries no stack trace to the client.
 */
public class ProblemException extends RuntimeException {

  /** One field-level validation error. */
  public record FieldError(String field, String message) {}

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(
      int status,
      String type,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "malformed", "Bad Request", detail, null, null);
  }

  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        400,
        "validation",
        "Bad Request",
        field + ": " + message,
        List.of(new FieldError(field, message)),
        null);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not Found", detail, null, null);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail, null, null);
  }

  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(
        412, "precondition-failed", "Precondition Failed", detail, null, null);
  }

  public static ProblemException tooLarge(String detail) {
    return new ProblemException(413, "too-large", "Content Too Large", detail, null, null);
  }

  public static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(
        415, "unsupported-media-type", "Unsupported Media Type", detail, null, null);
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail, null, null);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, null, null);
  }

  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    return new ProblemException(
        503,
        "unavailable",
        "Service Unavailable",
        detail,
        null,
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
