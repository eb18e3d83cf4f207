package dev.backpack.admin.accounts.control;

import dev.backpack.admin.problems.entity.ProblemException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses: trimmed, lower-cased, at most 254 characters, one '@', no spaces. */
public final class Emails {

  static final int MAX_LENGTH = 254;
  static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

  private Emails() {}

  /** The normal form; 400 unless it looks like an address. */
  public static String normalise(String email) {
    String normal = email.trim().toLowerCase(Locale.ROOT);
    if (normal.length() > MAX_LENGTH || !SHAPE.matcher(normal).matches()) {
      throw ProblemException.invalid("email", "is not a valid email address");
    }
    return normal;
  }
}
