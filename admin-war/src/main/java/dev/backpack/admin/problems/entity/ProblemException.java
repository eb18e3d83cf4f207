package dev.backpack.admin.problems.entity;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, rendered as RFC 9457 {@code application/problem+json}.
 * Controls throw it; the boundary maps it. It carries no stack trace to the client.
 */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One field-level validation error. */
  public record FieldError(String field, String message) {}

  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  /**
   * A problem.
   *
   * @param status HTTP status
   * @param type short type, rendered as {@code urn:backpack:problem:<type>}
   * @param title the status' title
   * @param detail what happened and what to do, fit for a user
   * @param errors field errors, or null
   * @param headers response headers (e.g. {@code Retry-After}), or null
   */
  public ProblemException(int status, String type, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
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
    return new ProblemException(400, "validation", "Bad Request", field + ": " + message, List.of(new FieldError(field, message)), null);
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail, null, null);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, null, null);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not Found", detail, null, null);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail, null, null);
  }

  public static ProblemException tooLarge(String detail) {
    return new ProblemException(413, "too-large", "Content Too Large", detail, null, null);
  }

  public static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(415, "unsupported-media-type", "Unsupported Media Type", detail, null, null);
  }

  public static ProblemException unprocessable(String detail) {
    return new ProblemException(422, "unprocessable", "Unprocessable Content", detail, null, null);
  }

  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(429, "rate-limited", "Too Many Requests", detail, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ProblemException badGateway(String detail) {
    return new ProblemException(502, "bad-gateway", "Bad Gateway", detail, null, null);
  }

  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    return new ProblemException(503, "unavailable", "Service Unavailable", detail, null, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
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
