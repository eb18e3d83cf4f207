package dev.backpack.core.files.entity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File ids: 32 lower-case hex digits, the creation time in milliseconds (12 digits, so ids sort
 * by age) followed by 80 random bits. A file's URL is a capability for public files, so unlike a
 * MongoDB ObjectId (a per-process counter) its id cannot be guessed from another one.
 */
public final class FileIds {

  static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private FileIds() {}

  public static String next() {
    return next(System.currentTimeMillis());
  }

  static String next(long millis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    return String.format("%012x", millis & 0xFFFF_FFFF_FFFFL) + HexFormat.of().formatHex(random);
  }

  /** Whether {@code text} has the shape of a file id; anything else cannot name a file. */
  public static boolean isId(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }
}
