package dev.backpack.core.files.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileIdsTest {

  @Test
  void idsAreUniqueAndSortByTime() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = FileIds.next();
      assertTrue(FileIds.isId(id), id);
      ids.add(id);
    }
    assertEquals(10_000, ids.size());
    assertTrue(FileIds.next(1_000).compareTo(FileIds.next(2_000)) < 0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        "../0190f0a0b0c0d0e0f0a0b0c0d0e0f0a0",
        "0190F0A0B0C0D0E0F0A0B0C0D0E0F0A0",
        "0190f0a0b0c0d0e0f0a0b0c0d0e0f0a",
        "0190f0a0b0c0d0e0f0a0b0c0d0e0f0a0/",
        "0190f0a0b0c0d0e0f0a0b0c0d0e0f0a0.tmp",
        "665f1c2e9b1d4a3f2c1b0a99",
        "upload-123.tmp",
        "%2e%2e%2f"
      })
  void onlyTheShapeOfAnIdIsAnId(String text) {
    assertFalse(FileIds.isId(text));
  }
}
