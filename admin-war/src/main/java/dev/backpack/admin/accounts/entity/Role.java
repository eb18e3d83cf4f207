package dev.backpack.admin.accounts.entity;

import java.util.Locale;

/** What a platform account may do. */
public enum Role {
  /** The first account: sees and manages every backpack, opens and closes registration. */
  OWNER,
  /** Every later account: sees and manages only the backpacks it created. */
  DEVELOPER;

  /** As stored and shown: {@code owner}, {@code developer}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
