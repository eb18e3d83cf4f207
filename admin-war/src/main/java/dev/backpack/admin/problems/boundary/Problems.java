package dev.backpack.admin.problems.boundary;

import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Renders problem details; the only place that knows their JSON shape. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "urn:backpack:problem:";

  private Problems() {}

  public static Response response(ProblemException problem) {
    Response.ResponseBuilder builder = Response.status(problem.status()).type(MEDIA_TYPE).entity(json(problem).toString());
    problem.headers().forEach(builder::header);
    return builder.header("Cache-Control", "no-store").build();
  }

  public static JsonObject json(ProblemException problem) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", TYPE_PREFIX + problem.type())
            .add("title", problem.title())
            .add("status", problem.status())
            .add("detail", problem.detail() == null ? problem.title() : problem.detail());
    if (!problem.errors().isEmpty()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      problem.errors().forEach(e -> list.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
      body.add("errors", list);
    }
    return body.build();
  }

  /** A problem for a bare HTTP status, with a detail that tells the user what to do next. */
  public static ProblemException forStatus(int status, String method, String path) {
    return switch (status) {
      case 400 -> ProblemException.badRequest("The request could not be read.");
      case 401 -> ProblemException.unauthorized("Sign in first.");
      case 403 -> ProblemException.forbidden("You may not do this.");
      case 404 -> ProblemException.notFound("No such route: " + safe(path) + ". See /admin/api/openapi.");
      case 405 ->
          new ProblemException(405, "method-not-allowed", "Method Not Allowed", "Method " + safe(method) + " is not allowed on " + safe(path) + ".", null, null);
      case 406 -> new ProblemException(406, "not-acceptable", "Not Acceptable", "This route answers JSON only.", null, null);
      case 413 -> ProblemException.tooLarge("The request body is too large.");
      case 415 -> ProblemException.unsupportedMediaType("Send the body as application/json.");
      case 503 -> ProblemException.unavailable("A backing service is down; retry shortly.", 5);
      default ->
          new ProblemException(
              status,
              status >= 500 ? "internal" : "http-" + status,
              status >= 500 ? "Internal Server Error" : "Error " + status,
              status >= 500 ? "Something went wrong on the server." : "The request failed.",
              null,
              Map.of());
    };
  }

  static String safe(String text) {
    if (text == null) {
      return "";
    }
    String trimmed = text.length() > 200 ? text.substring(0, 200) + "…" : text;
    return trimmed.replaceAll("[\\p{Cntrl}]", "?");
  }
}
