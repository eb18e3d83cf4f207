package dev.backpack.core.collections.entity;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rule for collection names, and the names a backpack keeps for itself. */
public final class CollectionNames {

  static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  static final Set<String> RESERVED = Set.of("users", "files", "sessions");

  private CollectionNames() {}

  /** Returns the name when it is a valid, unreserved collection name; otherwise a 400. */
  public static String require(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw ProblemException.invalid(
          "name",
          "must start with a letter and contain only letters, digits, '_' or '-' (at most 64"
              + " characters)");
    }
    if (isReserved(name)) {
      throw ProblemException.invalid(
          "name", "'" + name + "' is reserved for the backpack's own data; choose another name");
    }
    return name;
  }

  public static boolean isReserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }
}
