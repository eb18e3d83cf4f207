package dev.backpack.core.realtime.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionGateTest {

  VersionGate cut = new VersionGate(3);

  @Test
  void anOvertakenVersionIsDropped() {
    assertTrue(cut.pass("todos", "r1", 1, false));
    assertTrue(cut.pass("todos", "r1", 3, false));
    assertFalse(cut.pass("todos", "r1", 2, false), "version 2 arrived after 3");
    assertFalse(cut.pass("todos", "r1", 3, false), "a duplicate");
    assertTrue(cut.pass("todos", "r1", 4, false));
  }

  @Test
  void aDeleteEndsTheRecord() {
    assertTrue(cut.pass("todos", "r1", 2, false));
    assertTrue(cut.pass("todos", "r1", 2, true));
    assertFalse(cut.pass("todos", "r1", 3, false), "an update overtaken by the delete");
    assertFalse(cut.pass("todos", "r1", 2, true));
  }

  @Test
  void recordsAndCollectionsAreSeparate() {
    assertTrue(cut.pass("todos", "r1", 5, false));
    assertTrue(cut.pass("todos", "r2", 1, false));
    assertTrue(cut.pass("notes", "r1", 1, false));
  }

  @Test
  void onlyTheMostRecentlyChangedRecordsAreRemembered() {
    cut.pass("todos", "r1", 5, false);
    cut.pass("todos", "r2", 1, false);
    cut.pass("todos", "r3", 1, false);
    cut.pass("todos", "r4", 1, false);
    assertTrue(cut.pass("todos", "r1", 4, false), "r1 was forgotten: capacity 3");
    assertFalse(cut.pass("todos", "r4", 1, false));
  }
}
