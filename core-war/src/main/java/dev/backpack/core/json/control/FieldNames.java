package dev.backpack.core.json.control;

import dev.backpack.core.problems.entity.ProblemException;

/** The one rule for field names a client may use in records and filters. */
public final class FieldNames {

  public static final int MAX_LENGTH = 256;

  private FieldNames() {}

  /** A single field name: not empty, no {@code $} first, no dot, no NUL, not too long. */
  public static void requireValid(String name, String pathForErrors) {
    String problem = problemOf(name);
    if (problem != null) {
      throw ProblemException.invalid(pathForErrors, problem);
    }
  }

  /** {@code null} when valid, otherwise what is wrong. */
  public static String problemOf(String name) {
    if (name.isEmpty()) {
      return "field names may not be empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "field names may have at most " + MAX_LENGTH + " characters";
    }
    if (name.charAt(0) == '$') {
      return "field names may not start with '$'";
    }
    if (name.indexOf('.') >= 0) {
      return "field names may not contain '.'";
    }
    if (name.indexOf('\0') >= 0) {
      return "field names may not contain NUL";
    }
    return null;
  }
}
