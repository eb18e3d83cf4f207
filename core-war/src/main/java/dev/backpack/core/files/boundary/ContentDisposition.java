package dev.backpack.core.files.boundary;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} with a file's name (RFC 6266): an ASCII {@code filename} for old
 * clients and the exact name as {@code filename*=UTF-8''...} (RFC 8187), which every current
 * browser prefers. Nothing of the name can break out of the header: the fallback keeps only
 * printable ASCII other than {@code " \ % ;}, the encoded form only RFC 8187 attr-chars.
 */
final class ContentDisposition {

  private static final String ATTR_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~";

  private ContentDisposition() {}

  static String of(String type, String name) {
    return type + "; filename=\"" + fallback(name) + "\"; filename*=UTF-8''" + encode(name);
  }

  static String fallback(String name) {
    StringBuilder ascii = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            c ->
                ascii.append(
                    c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' && c != ';'
                        ? (char) c
                        : '_'));
    return ascii.toString();
  }

  static String encode(String name) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c < 0x80 && ATTR_CHARS.indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return encoded.toString();
  }
}
