package dev.backpack.admin.accounts.control;

import dev.backpack.admin.problems.entity.ProblemException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted password hashes, the same standard as backpack users: PBKDF2-HMAC-SHA256, {@value
 * #ITERATIONS} iterations, 16-byte salt, 32-byte hash, stored as {@code
 * pbkdf2-sha256$iterations$salt$hash} so the cost can rise later without breaking old hashes.
 */
public final class Passwords {

  public static final int ITERATIONS = 210_000;
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 1024;
  static final String SCHEME = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A hash of a password no one has, so unknown emails cost as much time as known ones. */
  static final String DUMMY = hash("not-a-real-password-" + RANDOM.nextLong());

  private Passwords() {}

  /** 400 unless the password has 8..1024 characters (code points). */
  public static String requireAcceptable(String password) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw ProblemException.invalid("password", "must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
    return password;
  }

  public static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  public static boolean verify(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /** Burns the time of one verification; used when the email is unknown. */
  static void verifyDummy(String password) {
    verify(password, DUMMY);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
