package dev.backpack.admin.drivers.entity;

import dev.backpack.deployment.BackpackName;

/**
 * What a driver needs to bring one backpack up: its name (from which its database, Redis prefix and
 * URL derive), its admin key, and how it runs (replicas and limits, where the driver can choose).
 *
 * @param name the backpack's name
 * @param adminKey the key the backpack's admin API accepts (only the platform knows it)
 * @param deployment replicas and limits
 */
public record BackpackSpec(BackpackName name, String adminKey, Deployment deployment) {

  /** With the default deployment (one instance, no limits). */
  public BackpackSpec(BackpackName name, String adminKey) {
    this(name, adminKey, Deployment.DEFAULT);
  }

  @Override
  public String toString() {
    return "BackpackSpec[" + name + ", " + deployment.replicas() + " replica(s)]";
  }
}
