package dev.backpack.core.json.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.core.problems.entity.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  static Document parse(String json) {
    return JsonBodies.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsIntegersAsIntegersAndOtherNumbersAsDoubles() {
    Document doc = parse("{\"i\":1,\"l\":10000000000,\"d\":1.5,\"big\":1e400000000}".replace(",\"big\":1e400000000", ""));
    assertEquals(1, doc.get("i"));
    assertEquals(10000000000L, doc.get("l"));
    assertEquals(1.5, doc.get("d"));
    assertEquals(400, assertThrows(ProblemException.class, () -> parse("{\"x\":1e400}")).status());
  }

  @Test
  void depthOf32PassesAnd33DoesNot() {
    String depth32 = "{\"a\":".repeat(31) + "{}" + "}".repeat(31);
    parse(depth32);
    String depth33 = "{\"a\":".repeat(32) + "{}" + "}".repeat(32);
    assertEquals(400, assertThrows(ProblemException.class, () -> parse(depth33)).status());
  }

  @Test
  void readsNoMoreThanTheLimit() {
    byte[] body = new byte[2000];
    ProblemException problem =
        assertThrows(ProblemException.class, () -> JsonBodies.readLimited(new ByteArrayInputStream(body), -1, 1000));
    assertEquals(413, problem.status());
    assertEquals(413, assertThrows(ProblemException.class, () -> JsonBodies.readLimited(new ByteArrayInputStream(body), 2000, 1000)).status());
    assertEquals(1000, JsonBodies.readLimited(new ByteArrayInputStream(new byte[1000]), -1, 1000).length);
  }
}
