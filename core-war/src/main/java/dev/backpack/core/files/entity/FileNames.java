package dev.backpack.core.files.entity;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Turns whatever name a client sends into a display name that is safe as metadata and as a
 * download name. It never becomes a path: the bytes are stored under the id.
 *
 * <p>Rules: Unicode NFC; only the last segment after {@code /} or {@code \} (a browser sends a
 * base name, old ones a whole client path); control characters (NUL, CR, LF, ...) become {@code
 * _}; invisible format characters (right-to-left override and the like, which make {@code
 * gpj.exe} look like {@code exe.jpg}) are dropped, except the zero-width joiner of emoji; leading
 * and trailing white space and trailing dots go; {@code .} and {@code ..} and the empty name
 * become {@value #FALLBACK}; at most {@value #MAX_BYTES} UTF-8 bytes, cut before the extension so
 * that it survives.
 */
public final class FileNames {

  public static final String FALLBACK = "file";
  public static final int MAX_BYTES = 255;
  static final int MAX_EXTENSION = 16;
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private FileNames() {}

  public static String sanitise(String raw) {
    if (raw == null) {
      return FALLBACK;
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
    text = text.substring(slash + 1);
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              int type = Character.getType(c);
              if (type == Character.CONTROL
                  || type == Character.SURROGATE
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR) {
                clean.append('_');
              } else if (type != Character.FORMAT || c == ZERO_WIDTH_JOINER) {
                clean.appendCodePoint(c);
              }
            });
    // trailing dots go, so "." and ".." end up empty
    String name = strip(clean.toString());
    if (name.isEmpty()) {
      return FALLBACK;
    }
    return limit(name);
  }

  private static String strip(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && isBlank(name.charAt(start))) {
      start++;
    }
    while (end > start && (isBlank(name.charAt(end - 1)) || name.charAt(end - 1) == '.')) {
      end--;
    }
    return name.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static String limit(String name) {
    if (bytes(name) <= MAX_BYTES) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension =
        dot > 0 && name.length() - dot <= MAX_EXTENSION + 1 ? name.substring(dot) : "";
    String base = extension.isEmpty() ? name : name.substring(0, dot);
    int budget = MAX_BYTES - bytes(extension);
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < base.length(); ) {
      int c = base.codePointAt(i);
      int size = bytes(new String(Character.toChars(c)));
      if (used + size > budget) {
        break;
      }
      cut.appendCodePoint(c);
      used += size;
      i += Character.charCount(c);
    }
    return strip(cut.toString()) + extension;
  }

  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
