package dev.backpack.core.files.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("photo.jpg", "photo.jpg"),
        Arguments.of("../../etc/passwd", "passwd"),
        Arguments.of("/etc/shadow", "shadow"),
        Arguments.of("C:\\Users\\ann\\report.pdf", "report.pdf"),
        Arguments.of("..", "file"),
        Arguments.of(".", "file"),
        Arguments.of("...", "file"),
        Arguments.of("dir/", "file"),
        Arguments.of("", "file"),
        Arguments.of("   ", "file"),
        Arguments.of(null, "file"),
        Arguments.of("a\u0000b.txt", "a_b.txt"),
        Arguments.of("line\r\nbreak.txt", "line__break.txt"),
        Arguments.of("tab\there", "tab_here"),
        Arguments.of("bell\u0007\u007f\u0085.txt", "bell___.txt"),
        Arguments.of("invoice\u202Efdp.exe", "invoicefdp.exe"),
        Arguments.of("zero\u200Bwidth", "zerowidth"),
        Arguments.of("family 👨\u200D👩\u200D👧.png", "family 👨\u200D👩\u200D👧.png"),
        Arguments.of("Grüße aus Köln.txt", "Grüße aus Köln.txt"),
        Arguments.of("Gru\u0308ße.txt", "Grüße.txt"),
        Arguments.of("日本語のファイル.pdf", "日本語のファイル.pdf"),
        Arguments.of("  padded name .txt.. ", "padded name .txt"),
        Arguments.of(".hidden", ".hidden"),
        Arguments.of("quote\"and;semi%.txt", "quote\"and;semi%.txt"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void sanitises(String raw, String expected) {
    assertEquals(expected, FileNames.sanitise(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "é", "日", "😀"})
  void longNamesAreCutToAtMost255BytesKeepingTheExtension(String unit) {
    String name = FileNames.sanitise(unit.repeat(1000) + ".jpeg");
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, name);
    assertTrue(name.endsWith(".jpeg"), name);
    assertTrue(name.startsWith(unit), name);
    assertFalse(name.contains("\uFFFD"), "no code point cut in half");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "/", "\\", "\u0000"})
  void longNamesWithoutExtensionAreCutToo(String unit) {
    String name = FileNames.sanitise("n" + unit.repeat(1000));
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, name);
    assertFalse(name.contains("/") || name.contains("\\") || name.contains("\u0000"), name);
  }
}
