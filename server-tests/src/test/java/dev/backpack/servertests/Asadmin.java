package dev.backpack.servertests;

import java.util.Map;
import java.util.stream.Collectors;

/** Quoting for asadmin arguments. */
final class Asadmin {

  private Asadmin() {}

  /**
   * {@code name=value:name=value} as {@code create-system-properties} and {@code --properties}
   * take them: a colon separates pairs and an equals sign name from value, so both are escaped
   * with a backslash inside names and values (URIs, {@code ${ALIAS=name}}).
   */
  static String properties(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
        .collect(Collectors.joining(":"));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }
}
