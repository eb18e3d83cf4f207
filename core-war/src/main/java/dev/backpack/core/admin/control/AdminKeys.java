package dev.backpack.core.admin.control;

import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the backpack admin key that only the platform knows. */
@ApplicationScoped
public class AdminKeys {

  public static final String HEADER = "X-Backpack-Admin-Key";

  @Inject BackpackSettings settings;

  /** Whether {@code presented} is this backpack's admin key (constant-time comparison). */
  public boolean isAdmin(String presented) {
    if (presented == null || settings.adminKey().isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8),
        settings.adminKey().get().getBytes(StandardCharsets.UTF_8));
  }

  /** 401 unless {@code presented} is the admin key; the same answer for a missing or wrong key. */
  public void require(String presented) {
    if (!isAdmin(presented)) {
      throw ProblemException.unauthorized(
          "This call needs the backpack admin key in the " + HEADER + " header.");
    }
  }
}
