package dev.backpack.admin.drivers.entity;

import dev.backpack.deployment.BackpackName;

/**
 * What a driver needs to bring one backpack up: its name (from which its database, Redis prefix and
 * URL derive) and its admin key. A Swarm driver will want more (limits, replicas); it goes here.
 *
 * @param name the backpack's name
 * @param adminKey the key the backpack's admin API accepts (only the platform knows it)
 */
public record BackpackSpec(BackpackName name, String adminKey) {

  @Override
  public String toString() {
    return "BackpackSpec[" + name + "]";
  }
}
