package dev.backpack.core.files.entity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file of known size, from a {@code Range} header (RFC 9110
 * 14.2). Only single ranges are served: a header this class cannot use (another unit, several
 * ranges, bad syntax) is ignored and the whole file is sent, as the RFC allows.
 */
public record ByteRange(long first, long last, long size) {

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

  /** What to do with a {@code Range} header. */
  public sealed interface Answer permits Whole, Partial, Unsatisfiable {}

  /** Send everything (200). */
  public record Whole() implements Answer {}

  /** Send this range (206). */
  public record Partial(ByteRange range) implements Answer {}

  /** The range lies outside the file (416). */
  public record Unsatisfiable() implements Answer {}

  public static Answer parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    Optional<Long> from = number(m.group(1));
    Optional<Long> to = number(m.group(2));
    if ((!m.group(1).isEmpty() && from.isEmpty()) || (!m.group(2).isEmpty() && to.isEmpty())) {
      return new Whole();
    }
    if (from.isEmpty()) {
      long suffix = to.get();
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1, size));
    }
    long first = from.get();
    if (to.isPresent() && to.get() < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    long last = to.map(t -> Math.min(t, size - 1)).orElse(size - 1);
    return new Partial(new ByteRange(first, last, size));
  }

  private static Optional<Long> number(String digits) {
    if (digits.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value of this range. */
  public String contentRange() {
    return "bytes " + first + "-" + last + "/" + size;
  }
}
