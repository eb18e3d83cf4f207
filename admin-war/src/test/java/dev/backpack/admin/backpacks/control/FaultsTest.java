package dev.backpack.admin.backpacks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultsTest {

  @ParameterizedTest(name = "{0} / {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                        | create | shop        | false",
        "create@shop               | create | shop        | true",
        "create@shop               | create | shop-2      | false",
        "create@rollback-*         | create | rollback-1  | true",
        "create@rollback-*         | create | rollbac     | false",
        "delete@shop               | create | shop        | false",
        "create@a, create@shop     | create | shop        | true",
        "nonsense                  | create | shop        | false",
      })
  void matchesKindAndNameOrPrefix(String faults, String kind, String name, boolean expected) {
    assertEquals(expected, Faults.matches(faults, kind, name));
  }
}
