package dev.backpack.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackpackNameTest {

  BackpackName cut;

  @ParameterizedTest
  @ValueSource(strings = {"ab", "demo", "my-app-2", "a-", "x012345678901234567890123456789"})
  void acceptsLowerCaseLettersDigitsAndDashesStartingWithALetter(String name) {
    cut = new BackpackName(name);
    assertEquals(name, cut.value());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a            | use 2 to 31 characters",
        "Demo         | use 2 to 31 characters",
        "1app         | use 2 to 31 characters",
        "-app         | use 2 to 31 characters",
        "my_app       | use 2 to 31 characters",
        "my.app       | use 2 to 31 characters",
        "x0123456789012345678901234567890 | use 2 to 31 characters",
        "admin        | reserved",
        "api          | reserved",
        "www          | reserved",
        "payara       | reserved",
      })
  void rejectsWithAMessageSayingWhy(String name, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BackpackName(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void rejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> new BackpackName(null));
  }

  @Test
  void derivesDatabasePrefixAndContextRoot() {
    cut = new BackpackName("my-app");
    assertEquals("bp_my_app", cut.database());
    assertEquals("bp_my_app", cut.schema());
    assertEquals("bp_my_app", cut.role());
    assertEquals("bp:my-app:", cut.redisPrefix());
    assertEquals("/my-app", cut.contextRoot());
  }
}
