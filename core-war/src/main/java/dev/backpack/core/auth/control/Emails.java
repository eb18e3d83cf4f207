package dev.backpack.core.auth.control;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses: trimmed, lower-cased, at most 254 characters, one '@', no spaces. */
public final class Emails {

  static final int MAX_LENGTH = 254;
  static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

  private Emails() {}

  public static String normalise(Object email) {
    if (!(email instanceof String text)) {
      throw ProblemException.invalid("email", "is required and must be a string");
    }
    String normal = text.trim().toLowerCase(Locale.ROOT);
    if (normal.length() > MAX_LENGTH || !SHAPE.matcher(normal).matches()) {
      throw ProblemException.invalid("email", "is not a valid email address");
    }
    return normal;
  }
}
