package dev.backpack.admin.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.admin.problems.entity.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void hashesAreSaltedSlowAndVerifiable() {
    String hash = Passwords.hash("correct horse");

    assertTrue(hash.startsWith("pbkdf2-sha256$210000$"), hash);
    assertTrue(Passwords.ITERATIONS >= 210_000);
    assertNotEquals(hash, Passwords.hash("correct horse"), "salted");
    assertTrue(Passwords.verify("correct horse", hash));
    assertFalse(Passwords.verify("correct horsE", hash));
    assertFalse(Passwords.verify("correct horse", "garbage"));
  }

  @Test
  void lengthIsCountedInCharactersFrom8To1024() {
    assertEquals("12345678", Passwords.requireAcceptable("12345678"));
    assertEquals(400, assertThrows(ProblemException.class, () -> Passwords.requireAcceptable("1234567")).status());
    assertEquals(400, assertThrows(ProblemException.class, () -> Passwords.requireAcceptable("x".repeat(1025))).status());
    // 8 emoji are 16 UTF-16 units but 8 characters
    Passwords.requireAcceptable("😀".repeat(8));
    assertThrows(ProblemException.class, () -> Passwords.requireAcceptable("😀".repeat(7)));
  }

  @Test
  void emailsAreNormalisedOrRefused() {
    assertEquals("dev@example.org", Emails.normalise("  Dev@Example.ORG "));
    for (String bad : new String[] {"", "no-at", "a@b", "a b@example.org", "a@@example.org", "a\u0000b@example.org", "x".repeat(250) + "@example.org"}) {
      assertThrows(ProblemException.class, () -> Emails.normalise(bad), bad);
    }
  }
}
