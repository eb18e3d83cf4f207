package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsWhatTheSystemRoutesAnswer() {
    Map<String, Object> cut = Json.object("{\"done\":true,\"failure\":null,\"next\":3,\"lines\":[\"deploying backpack demo...\",\"a \\\"quoted\\\" \\u00e9\"],\"x\":-1.5e2,\"o\":{}}");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("done", true);
    expected.put("failure", null);
    expected.put("next", 3L);
    expected.put("lines", List.of("deploying backpack demo...", "a \"quoted\" é"));
    expected.put("x", -150.0);
    expected.put("o", Map.of());
    assertEquals(expected, cut);
  }

  @Test
  void refusesWhatIsNotJson() {
    for (String bad : Arrays.asList("", "{", "{\"a\":}", "[1,]x", "nul", "{\"a\":1} trailing")) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
  }

  @Test
  void quotesForRequests() {
    assertEquals("\"a\\\"b\\\\c\\u0001\"", Json.quote("a\"b\\c\u0001"));
  }
}
