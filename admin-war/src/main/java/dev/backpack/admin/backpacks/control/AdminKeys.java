package dev.backpack.admin.backpacks.control;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh admin keys: 256 random bits, base64url without padding (what the launcher made before). */
final class AdminKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminKeys() {}

  static String fresh() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
