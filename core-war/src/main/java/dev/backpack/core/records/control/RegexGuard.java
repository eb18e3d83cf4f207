package dev.backpack.core.records.control;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Lets through only regular expressions that cannot backtrack catastrophically in the usual ways:
 * bounded length, valid syntax, no back-references and no quantified group that itself contains a
 * quantifier (the {@code (a+)+} family). Queries also run with a time limit on the database.
 */
public final class RegexGuard {

  public static final int MAX_LENGTH = 256;
  static final Pattern OPTIONS = Pattern.compile("[imsx]{0,4}");

  private RegexGuard() {}

  public static String require(String field, String regex) {
    if (regex.length() > MAX_LENGTH) {
      throw ProblemException.invalid(field, "$regex may have at most " + MAX_LENGTH + " characters");
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw ProblemException.invalid(field, "$regex is not a valid regular expression");
    }
    // one entry per open group: whether something inside it repeats
    Deque<Boolean> groupRepeats = new ArrayDeque<>();
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        char next = i + 1 < regex.length() ? regex.charAt(i + 1) : ' ';
        if ((next >= '1' && next <= '9') || next == 'k') {
          throw ProblemException.invalid(field, "$regex may not use back-references");
        }
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        groupRepeats.push(false);
      } else if (c == ')' && !groupRepeats.isEmpty()) {
        boolean repeats = groupRepeats.pop();
        if (repeats && i + 1 < regex.length() && isQuantifier(regex.charAt(i + 1))) {
          throw ProblemException.invalid(
              field, "$regex may not repeat a group that itself repeats, such as (a+)+");
        }
        if (repeats) {
          markRepeats(groupRepeats);
        }
      } else if (isQuantifier(c)) {
        markRepeats(groupRepeats);
      }
    }
    return regex;
  }

  public static String requireOptions(String field, String options) {
    if (!OPTIONS.matcher(options).matches()) {
      throw ProblemException.invalid(field, "$options may only contain i, m, s and x");
    }
    return options;
  }

  private static boolean isQuantifier(char c) {
    return c == '*' || c == '+' || c == '{';
  }

  private static void markRepeats(Deque<Boolean> groups) {
    if (!groups.isEmpty()) {
      groups.pop();
      groups.push(true);
    }
  }
}
