package dev.backpack.admin.backpacks.entity;

import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.Deployment;
import dev.backpack.deployment.BackpackName;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A backpack as the registry (PostgreSQL, table {@code backpacks}) keeps it.
 *
 * @param name its name
 * @param ownerId the developer who created it; null when the platform made it ({@code --backpack})
 * @param ownerEmail that developer's email, null with no owner
 * @param adminKey its admin key: goes to the backpack and to nobody else
 * @param state creating, active or deleting
 * @param createdAt when it was registered
 * @param deployment replicas and limits (drivers that can choose them)
 */
public record Registration(BackpackName name, UUID ownerId, String ownerEmail, String adminKey, State state, Instant createdAt, Deployment deployment) {

  /** With the default deployment. */
  public Registration(BackpackName name, UUID ownerId, String ownerEmail, String adminKey, State state, Instant createdAt) {
    this(name, ownerId, ownerEmail, adminKey, state, createdAt, Deployment.DEFAULT);
  }

  /** What a driver needs of it. */
  public BackpackSpec spec() {
    return new BackpackSpec(name, adminKey, deployment);
  }

  /** The registry's lifecycle of a backpack. */
  public enum State {
    /** a create operation runs; the row reserves the name. */
    CREATING,
    /** created; deployed at every platform start. */
    ACTIVE,
    /** a delete operation runs (or failed and may be retried). */
    DELETING;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  @Override
  public String toString() {
    return "Registration[" + name + ", owner " + ownerId + ", " + state + "]";
  }
}
