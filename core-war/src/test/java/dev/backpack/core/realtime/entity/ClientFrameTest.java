package dev.backpack.core.realtime.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientFrameTest {

  @Test
  void readsTypeIdAndBody() {
    ClientFrame cut = ClientFrame.parse("{\"type\":\"join\",\"id\":7,\"channel\":\"room-1\"}");
    assertEquals("join", cut.type());
    assertEquals(7, cut.id());
    assertEquals("room-1", cut.requireString("channel"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all                          | | 400",
        "[1,2]                                    | | 400",
        "{\"type\":\"x\",\"type\":\"y\"}          | | 400",
        "{\"id\":\"a\",\"type\":5}                | a | 400",
        "{\"id\":\"a\"}                           | a | 400",
        "{\"id\":{\"x\":1},\"type\":\"ping\"}     | | 400",
        "{\"id\":1.5,\"type\":\"ping\"}           | | 400",
      })
  void malformedFramesKeepTheirIdWhenItIsReadable(String text, String id, int status) {
    ClientFrame.Malformed m = assertThrows(ClientFrame.Malformed.class, () -> ClientFrame.parse(text));
    assertEquals(status, m.problem().status());
    if (id == null) {
      assertNull(m.id());
    } else {
      assertEquals(id, m.id());
    }
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"type\":\"publish\",\"data\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertEquals(400, assertThrows(ClientFrame.Malformed.class, () -> ClientFrame.parse(deep)).problem().status());
  }

  @Test
  void recordBodiesFollowTheRulesOfRequestBodies() {
    ClientFrame cut = ClientFrame.parse("{\"type\":\"create\",\"record\":{\"$set\":{\"a\":1}}}");
    assertEquals(400, assertThrows(dev.backpack.core.problems.entity.ProblemException.class, () -> cut.recordBody("record")).status());
  }

  @Test
  void utf8LengthCountsBytes() {
    assertEquals(1, ClientFrame.utf8Length("a"));
    assertEquals(2, ClientFrame.utf8Length("ä"));
    assertEquals(3, ClientFrame.utf8Length("€"));
    assertEquals(4, ClientFrame.utf8Length("😀"));
  }
}
