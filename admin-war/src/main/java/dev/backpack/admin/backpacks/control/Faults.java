package dev.backpack.admin.backpacks.control;

import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.deployment.BackpackName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failures injected on purpose, for tests of the rollback path against the real platform: {@code
 * backpack.platform.faults=create@rollback-*} fails every create of a backpack whose name matches,
 * after its driver brought it up (deployed, healthy, data created), so the whole rollback runs.
 * Empty (the default) injects nothing. Patterns: an exact name, or a prefix followed by {@code *}.
 */
@ApplicationScoped
public class Faults {

  /** The message of an injected failure. */
  public static final String INJECTED = "injected failure (backpack.platform.faults) after the backpack came up";

  @Inject PlatformConfig config;

  /** Throws when a fault is configured for the create of {@code name}. */
  public void afterCreate(BackpackName name) {
    if (matches(config.faults(), "create", name.value())) {
      throw new IllegalStateException(INJECTED);
    }
  }

  static boolean matches(String faults, String kind, String name) {
    for (String entry : faults.split(",")) {
      String fault = entry.trim();
      int at = fault.indexOf('@');
      if (at < 0 || !fault.substring(0, at).equals(kind)) {
        continue;
      }
      String pattern = fault.substring(at + 1);
      if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
