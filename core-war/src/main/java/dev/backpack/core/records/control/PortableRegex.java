package dev.backpack.core.records.control;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The part of Java's regular expressions ({@link java.util.regex.Pattern}, which defines what a
 * {@code $regex} means, see {@link RecordMatcher}) that every engine runs with the same meaning,
 * and its translation to a PostgreSQL advanced regular expression (ARE, operator {@code ~}).
 *
 * <p>Supported, with options {@code i} (Unicode case folding as Java's {@code
 * CASE_INSENSITIVE|UNICODE_CASE}), {@code m}, {@code s} and {@code x}: literals (also {@code \t
 * \n \r \f \a \e \xhh \x{h..} \\uhhhh} and a backslash before punctuation), {@code .}, {@code ^},
 * {@code $}, classes {@code [...]} with ranges and {@code ^}, {@code \d \D \w \W \s \S} (Java's
 * ASCII meanings; the negated ones not inside classes), groups {@code (...)} and {@code (?:...)},
 * {@code |}, quantifiers {@code * + ? {n} {n,} {n,m}} (m at most 255) and their lazy forms.
 * Everything is translated to explicit code points, so nothing depends on PostgreSQL's locale:
 * {@code i} becomes classes of the case variants Java accepts, {@code .} and the anchors become
 * Java's line terminators ({@code \n \r \u0085 \u2028 \u2029}, {@code \r\n} as one), {@code x}
 * drops whitespace and comments here.
 *
 * <p>Refused with a 400 (so REST and realtime agree on every engine): look-arounds, inline flags,
 * named groups, possessive quantifiers, {@code \b \B \A \z \Z \G \p \P \h \v \R \Q..\E} and other
 * escapes, nested classes and {@code &&}, {@code \D \W \S} inside classes, whitespace or {@code #}
 * inside a class or a {@code {n,m}} under {@code x}, and (under {@code i}) the few characters whose
 * case variants Java itself treats differently depending on where they stand (such as {@code ß}).
 */
public final class PortableRegex {

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;
  private static final int MAX_REPEAT = 255;
  private static final String LINE_TERMINATORS = "\n\r\u0085\u2028\u2029";

  private final String regex;
  private final boolean caseInsensitive;
  private final boolean multiline;
  private final boolean dotAll;
  private final boolean comments;
  private final String field;
  private int pos;
  private final StringBuilder out = new StringBuilder();

  private PortableRegex(String field, String regex, String options) {
    this.field = field;
    this.regex = regex;
    String o = options == null ? "" : options;
    this.caseInsensitive = o.indexOf('i') >= 0;
    this.multiline = o.indexOf('m') >= 0;
    this.dotAll = o.indexOf('s') >= 0;
    this.comments = o.indexOf('x') >= 0;
  }

  /** The PostgreSQL ARE with the meaning Java gives {@code regex} with {@code options}; or 400. */
  public static String toPostgres(String field, String regex, String options) {
    PortableRegex translator = new PortableRegex(field, regex, options);
    translator.alternation();
    if (translator.pos < regex.length()) {
      throw translator.refuse("has an unbalanced ')'");
    }
    return translator.out.toString();
  }

  private ProblemException refuse(String why) {
    return ProblemException.invalid(
        field, "$regex " + why + " (only the portable subset of regular expressions is supported)");
  }

  // --- parsing -------------------------------------------------------------------------------

  private void skipComments() {
    if (!comments) {
      return;
    }
    while (pos < regex.length()) {
      char c = regex.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < regex.length() && LINE_TERMINATORS.indexOf(regex.charAt(pos)) < 0) {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private int peek() {
    skipComments();
    return pos < regex.length() ? regex.codePointAt(pos) : -1;
  }

  private void alternation() {
    sequence();
    while (peek() == '|') {
      pos++;
      out.append('|');
      sequence();
    }
  }

  private void sequence() {
    while (true) {
      int c = peek();
      if (c == -1 || c == '|' || c == ')') {
        return;
      }
      atom();
      quantifier();
    }
  }

  private void atom() {
    int c = peek();
    switch (c) {
      case '(' -> {
        pos++;
        if (pos < regex.length() && regex.charAt(pos) == '?') {
          if (regex.startsWith("?:", pos)) {
            pos += 2;
          } else {
            throw refuse("may not use look-arounds, inline flags or named groups");
          }
        }
        out.append("(?:");
        alternation();
        if (peek() != ')') {
          throw refuse("has an unclosed group");
        }
        pos++;
        out.append(')');
      }
      case '.' -> {
        pos++;
        BitSet any = new BitSet();
        any.set(1, MAX_CODE_POINT + 1);
        if (!dotAll) {
          LINE_TERMINATORS.chars().forEach(any::clear);
        }
        out.append(bracket(any));
      }
      case '^' -> {
        pos++;
        // Java: non-multiline ^ is the start; multiline ^ is the start or after a line terminator
        // (not between \r and \n), never at the very end
        out.append(
            multiline
                ? "(?:^(?!$)|(?<=[\\n\\u0085\\u2028\\u2029])(?!$)|(?<=\\r)(?!\\n|$))"
                : "^");
      }
      case '$' -> {
        pos++;
        // Java: non-multiline $ is the end or before a final line terminator; multiline $ is
        // before any line terminator or at the end (never between \r and \n)
        out.append(
            multiline
                ? "(?:(?=[\\r\\u0085\\u2028\\u2029]|$)|(?<!\\r)(?=\\n))"
                : "(?:(?=(?:\\r\\n|[\\r\\u0085\\u2028\\u2029])?$)|(?<!\\r)(?=\\n$))");
      }
      case '[' -> out.append(bracket(charClass()));
      case '\\' -> {
        BitSet predefined = predefined(false);
        if (predefined != null) {
          out.append(bracket(predefined));
        } else {
          literal(escapedLiteral());
        }
      }
      case '*', '+', '?', '{' -> throw refuse("has a quantifier without anything before it");
      default -> {
        pos += Character.charCount(c);
        literal(c);
      }
    }
  }

  private void quantifier() {
    int c = peek();
    if (c == '*' || c == '+' || c == '?') {
      pos++;
      out.append((char) c);
    } else if (c == '{') {
      int close = regex.indexOf('}', pos);
      if (close < 0) {
        throw refuse("has an unclosed {");
      }
      String inside = regex.substring(pos + 1, close);
      if (!inside.matches("[0-9]{1,3}(,[0-9]{0,3})?")) {
        throw refuse("may repeat at most " + MAX_REPEAT + " times, as {n}, {n,} or {n,m}");
      }
      String[] bounds = inside.split(",", -1);
      for (String bound : bounds) {
        if (!bound.isEmpty() && Integer.parseInt(bound) > MAX_REPEAT) {
          throw refuse("may repeat at most " + MAX_REPEAT + " times");
        }
      }
      pos = close + 1;
      out.append('{').append(inside).append('}');
    } else {
      return;
    }
    // lazy: the same matches exist, so the same answer to "does it match"
    if (pos < regex.length() && regex.charAt(pos) == '?') {
      pos++;
    } else if (pos < regex.length() && regex.charAt(pos) == '+') {
      throw refuse("may not use possessive quantifiers");
    }
    int next = peek();
    if (next == '*' || next == '+' || next == '?' || next == '{') {
      throw refuse("may not repeat a quantifier");
    }
  }

  /** After a backslash: \d \D \w \W \s \S as a set, or null (the position is kept). */
  private BitSet predefined(boolean inClass) {
    if (pos + 1 >= regex.length()) {
      throw refuse("ends with a backslash");
    }
    char e = regex.charAt(pos + 1);
    BitSet set =
        switch (Character.toLowerCase(e)) {
          case 'd' -> ascii("0123456789");
          case 'w' -> ascii("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
          case 's' -> ascii(" \t\n\u000B\f\r");
          default -> null;
        };
    if (set == null || (e != 'd' && e != 'w' && e != 's' && e != 'D' && e != 'W' && e != 'S')) {
      return null;
    }
    pos += 2;
    if (Character.isUpperCase(e)) {
      if (inClass) {
        throw refuse("may not use \\D, \\W or \\S inside a class");
      }
      return complement(set);
    }
    return set;
  }

  /** After a backslash: the code point of a literal escape, or 400. */
  private int escapedLiteral() {
    pos++; // the backslash
    char e = regex.charAt(pos++);
    switch (e) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case 'a':
        return '\u0007';
      case 'e':
        return '\u001B';
      case 'x':
        if (pos < regex.length() && regex.charAt(pos) == '{') {
          int close = regex.indexOf('}', pos);
          int cp = Integer.parseInt(regex.substring(pos + 1, close), 16);
          pos = close + 1;
          return checked(cp);
        }
        pos += 2;
        return Integer.parseInt(regex.substring(pos - 2, pos), 16);
      case 'u':
        pos += 4;
        return checked(Integer.parseInt(regex.substring(pos - 4, pos), 16));
      default:
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
          throw refuse("may not use the escape \\" + e);
        }
        if (Character.isHighSurrogate(e)) {
          pos--;
          int cp = regex.codePointAt(pos);
          pos += Character.charCount(cp);
          return cp;
        }
        return e;
    }
  }

  private int checked(int cp) {
    if (cp == 0 || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
      throw refuse("may not name NUL or a surrogate");
    }
    return cp;
  }

  /** A {@code [...]} class as the set of code points Java's class accepts. */
  private BitSet charClass() {
    pos++; // [
    boolean negated = false;
    if (pos < regex.length() && regex.charAt(pos) == '^') {
      negated = true;
      pos++;
    }
    BitSet set = new BitSet();
    boolean first = true;
    while (true) {
      if (pos >= regex.length()) {
        throw refuse("has an unclosed class");
      }
      int c = regex.codePointAt(pos);
      if (c == ']' && !first) {
        pos++;
        break;
      }
      if (c == ']' || c == '[' || regex.startsWith("&&", pos)) {
        throw refuse("may not use nested classes, intersections or ']' first in a class");
      }
      if (comments && (Character.isWhitespace(c) || c == '#')) {
        throw refuse("may not have whitespace or '#' inside a class with option x");
      }
      first = false;
      if (c == '\\') {
        BitSet predefined = predefined(true);
        if (predefined != null) {
          set.or(predefined);
          continue;
        }
      }
      int low = classChar();
      if (pos + 1 < regex.length()
          && regex.charAt(pos) == '-'
          && regex.charAt(pos + 1) != ']') {
        pos++;
        if (regex.charAt(pos) == '[' || (regex.charAt(pos) == '\\' && isPredefined(pos))) {
          throw refuse("has a range that does not end with a character");
        }
        int high = classChar();
        set.or(range(low, high));
      } else {
        set.or(caseInsensitive ? classSingle(low) : single(low));
      }
    }
    return negated ? complement(set) : set;
  }

  private boolean isPredefined(int at) {
    return at + 1 < regex.length() && "dDwWsS".indexOf(regex.charAt(at + 1)) >= 0;
  }

  private int classChar() {
    if (regex.charAt(pos) == '\\') {
      return escapedLiteral();
    }
    int c = regex.codePointAt(pos);
    pos += Character.charCount(c);
    return c;
  }

  private void literal(int c) {
    if (!caseInsensitive) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.appendCodePoint(c);
      } else {
        out.append(escape(c));
      }
      return;
    }
    // Java folds a lone literal (Single) and a run of literals (Slice) slightly differently
    BitSet single = javaSingleCi(c);
    BitSet slice = javaSliceCi(c);
    if (!single.equals(slice)) {
      throw refuse(
          "may not use '" + new String(Character.toChars(c)) + "' with option i (its case"
              + " variants depend on the context in Java)");
    }
    out.append(bracket(single));
  }

  // --- sets of code points ---------------------------------------------------------------------

  private BitSet single(int c) {
    BitSet set = new BitSet();
    set.set(c);
    return set;
  }

  private BitSet range(int low, int high) {
    if (low > high) {
      throw refuse("has an illegal range");
    }
    BitSet set = new BitSet();
    set.set(low, high + 1);
    if (caseInsensitive) {
      // Java's CIRangeU: ch, toUpperCase(ch) or toLowerCase(toUpperCase(ch)) in the range
      for (int ch : Folding.CASED) {
        int up = Character.toUpperCase(ch);
        int lu = Character.toLowerCase(up);
        if ((up >= low && up <= high) || (lu >= low && lu <= high)) {
          set.set(ch);
        }
      }
    }
    return set;
  }

  /** Java's single character inside a class under CASE_INSENSITIVE|UNICODE_CASE. */
  private BitSet classSingle(int c) {
    boolean special =
        c == 0xff || c == 0xb5 || c == 0x49 || c == 0x69 || c == 0x53 || c == 0x73 || c == 0x4b
            || c == 0x6b || c == 0xc5 || c == 0xe5;
    if (c < 256 && !special) {
      BitSet set = single(c);
      if (c < 128) {
        if (Character.isLetter(c)) {
          set.set(Character.toUpperCase(c));
          set.set(Character.toLowerCase(c));
        }
      } else {
        set.set(Character.toLowerCase(c));
        set.set(Character.toUpperCase(c));
      }
      return set;
    }
    return javaSingleCi(c);
  }

  /** Java's {@code single(ch)} under CASE_INSENSITIVE|UNICODE_CASE. */
  private static BitSet javaSingleCi(int c) {
    int upper = Character.toUpperCase(c);
    int lower = Character.toLowerCase(upper);
    if (upper == lower) {
      BitSet set = new BitSet();
      set.set(c);
      return set;
    }
    return foldsTo(lower);
  }

  /** A character of Java's {@code SliceU}: ch == lu(c) or lu(ch) == lu(c). */
  private static BitSet javaSliceCi(int c) {
    return foldsTo(Character.toLowerCase(Character.toUpperCase(c)));
  }

  private static BitSet foldsTo(int lu) {
    BitSet set = new BitSet();
    set.set(lu);
    for (int ch : Folding.CASED) {
      if (Character.toLowerCase(Character.toUpperCase(ch)) == lu) {
        set.set(ch);
      }
    }
    return set;
  }

  private static BitSet ascii(String chars) {
    BitSet set = new BitSet();
    chars.chars().forEach(set::set);
    return set;
  }

  private static BitSet complement(BitSet set) {
    BitSet all = new BitSet();
    all.set(1, MAX_CODE_POINT + 1);
    all.andNot(set);
    return all;
  }

  /** A bracket expression of explicit code points (no NUL, no surrogates: text cannot hold them). */
  private String bracket(BitSet set) {
    BitSet usable = (BitSet) set.clone();
    usable.clear(0);
    usable.clear(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1);
    if (usable.isEmpty()) {
      throw refuse("has a class that matches nothing");
    }
    StringBuilder b = new StringBuilder("[");
    int start = usable.nextSetBit(0);
    while (start >= 0) {
      int end = usable.nextClearBit(start) - 1;
      b.append(escape(start));
      if (end > start) {
        b.append('-').append(escape(end));
      }
      start = usable.nextSetBit(end + 1);
    }
    return b.append(']').toString();
  }

  private static String escape(int c) {
    return String.format("\\U%08X", c);
  }

  /** The code points whose case mapping is not themselves (computed once). */
  private static final class Folding {
    static final int[] CASED;

    static {
      List<Integer> cased = new ArrayList<>();
      for (int ch = 0; ch <= MAX_CODE_POINT; ch++) {
        int up = Character.toUpperCase(ch);
        if (up != ch || Character.toLowerCase(up) != ch) {
          cased.add(ch);
        }
      }
      CASED = cased.stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
