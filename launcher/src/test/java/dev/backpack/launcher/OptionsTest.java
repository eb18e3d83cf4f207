package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.deployment.BackpackName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  Options cut;

  @Test
  void defaults() throws Exception {
    cut = Options.parse();
    assertEquals(8080, cut.port());
    assertEquals("127.0.0.1", cut.bind());
    assertEquals(Path.of("data"), cut.dataDir());
    assertEquals(List.of(), cut.backpacks());
  }

  @Test
  void everyOptionInBothSpellings() throws Exception {
    cut = Options.parse("--port", "9000", "--data-dir=/srv/bp", "--backpack", "a1", "--backpack=b2", "--backpack", "a1", "--bind", "0.0.0.0");
    assertEquals(9000, cut.port());
    assertEquals(Path.of("/srv/bp"), cut.dataDir());
    assertEquals(List.of(new BackpackName("a1"), new BackpackName("b2")), cut.backpacks(), "repeatable, duplicates once");
    assertEquals("0.0.0.0", cut.bind());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--backpack Admin   | invalid backpack name 'Admin'",
        "--backpack api     | reserved",
        "--port             | --port needs a value",
        "--port 0           | --port must be a number from 1 to 65535",
        "--port http        | --port must be a number",
        "--frobnicate       | unknown option '--frobnicate'",
      })
  void rejectsWithAMessage(String line, String message) {
    Options.UsageException e = assertThrows(Options.UsageException.class, () -> Options.parse(line.trim().split(" ")));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
