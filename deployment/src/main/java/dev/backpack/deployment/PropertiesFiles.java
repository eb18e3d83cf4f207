package dev.backpack.deployment;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/** Writes small, owner-only properties files in a fixed key order, atomically. */
public final class PropertiesFiles {

  private PropertiesFiles() {}

  /**
   * Writes {@code values} (in iteration order) to {@code file} with mode 600: first to a temporary
   * file created with that mode in the same directory, then moved over the target, so no reader
   * ever sees a half-written file and the secret is never world-readable, not even briefly.
   */
  public static void writeOwnerOnly(Path file, Map<String, String> values) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder();
    values.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
    Path tmp;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      tmp =
          Files.createTempFile(
              file.getParent(),
              ".tmp-",
              ".properties",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      tmp = Files.createTempFile(file.getParent(), ".tmp-", ".properties");
    }
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }

  // only what java.util.Properties#load needs; ':' and '=' inside a value need no escape, so URIs
  // stay readable
  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case ' ' -> out.append(i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
