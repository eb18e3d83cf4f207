package dev.backpack.admin.backpacks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackpackAdminTest {

  /** Every path segment stays one segment: a hostile id cannot reach another admin route. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc                  | abc",
        "../../users          | ..%2F..%2Fusers",
        "a b                  | a%20b",
        "a+b                  | a%2Bb",
        "%2e%2e               | %252e%252e",
        "x?y=1#z              | x%3Fy%3D1%23z",
        "é                    | %C3%A9",
      })
  void segmentsAreEncodedWhole(String segment, String encoded) {
    assertEquals(encoded, BackpackAdmin.encode(segment));
  }
}
