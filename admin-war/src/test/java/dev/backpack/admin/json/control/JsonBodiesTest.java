package dev.backpack.admin.json.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.admin.problems.entity.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodiesTest {

  static final Set<String> ALLOWED = Set.of("name");

  @Test
  void readsAKnownObject() {
    assertEquals("shop", JsonBodies.requiredString(read("application/json; charset=UTF-8", "{\"name\":\"shop\"}"), "name"));
  }

  /** Hostile or broken bodies: the status a client sees. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "text/plain                       | {\"name\":\"x\"}      | 415",
        "application/json; charset=latin1 | {\"name\":\"x\"}      | 415",
        "''                               | {\"name\":\"x\"}      | 415",
        "application/json                 | ''                    | 400",
        "application/json                 | [1,2]                 | 400",
        "application/json                 | \"text\"              | 400",
        "application/json                 | {\"name\":            | 400",
        "application/json                 | {\"other\":1}         | 400",
        "application/json                 | {\"name\":1}          | 400",
        "application/json                 | {}                    | 400",
        "application/json                 | nul                   | 400",
      })
  void refuses(String type, String body, int status) {
    ProblemException e = assertThrows(ProblemException.class, () -> JsonBodies.requiredString(read(type.isEmpty() ? null : type, body), "name"));
    assertEquals(status, e.status(), e.getMessage());
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] bytes = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    ProblemException e = assertThrows(ProblemException.class, () -> JsonBodies.read("application/json", new ByteArrayInputStream(bytes), ALLOWED));
    assertEquals(400, e.status());
  }

  @Test
  void refusesTooLargeBodiesWithoutReadingThemWhole() {
    String huge = "{\"name\":\"" + "x".repeat(JsonBodies.MAX_BYTES) + "\"}";
    ProblemException e = assertThrows(ProblemException.class, () -> read("application/json", huge));
    assertEquals(413, e.status());
  }

  @Test
  void anUnknownFieldIsNamed() {
    ProblemException e = assertThrows(ProblemException.class, () -> read("application/json", "{\"$where\":1}"));
    assertEquals("$where", e.errors().get(0).field());
  }

  private static jakarta.json.JsonObject read(String type, String body) {
    return JsonBodies.read(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), ALLOWED);
  }
}
