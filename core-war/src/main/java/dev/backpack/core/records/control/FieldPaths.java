package dev.backpack.core.records.control;

import dev.backpack.core.json.control.FieldNames;
import dev.backpack.core.problems.entity.ProblemException;
import java.util.Set;

/**
 * Maps the field paths a client writes in filters and sorts to where they are stored: {@code id}
 * is {@code _id}, the other server fields are top-level, every client field lives under {@code
 * data}. So no client path can reach a server field or an operator.
 */
public final class FieldPaths {

  public static final Set<String> SERVER_FIELDS = Set.of("id", "owner", "createdAt", "updatedAt");
  static final Set<String> DATE_FIELDS = Set.of("createdAt", "updatedAt");
  static final int MAX_SEGMENTS = 16;

  private FieldPaths() {}

  /** The stored path for a client path such as {@code address.city}; 400 when malformed. */
  public static String stored(String path) {
    if (path == null || path.isEmpty()) {
      throw ProblemException.invalid("filter", "a field path is empty");
    }
    String[] segments = path.split("\\.", -1);
    if (segments.length > MAX_SEGMENTS) {
      throw ProblemException.invalid(path, "a field path may have at most " + MAX_SEGMENTS + " parts");
    }
    for (String segment : segments) {
      String problem = FieldNames.problemOf(segment);
      if (problem != null) {
        throw ProblemException.invalid(path, problem);
      }
    }
    if (path.equals("id")) {
      return "_id";
    }
    if (SERVER_FIELDS.contains(path)) {
      return path;
    }
    return "data." + path;
  }

  public static boolean isDate(String clientPath) {
    return DATE_FIELDS.contains(clientPath);
  }
}
