package dev.backpack.admin.drivers.entity;

import java.util.Locale;

/**
 * Where a backpack's deployment stands, as its driver sees it.
 *
 * @param state up, down, deploying or failed
 * @param detail why it failed or is down, for a user; null when up or deploying
 */
public record DeploymentStatus(State state, String detail) {

  /** The states of API.md. */
  public enum State {
    /** deployed and answering. */
    UP,
    /** not deployed (not yet, or no longer). */
    DOWN,
    /** being deployed. */
    DEPLOYING,
    /** the last deployment failed. */
    FAILED;

    /** As shown: {@code up}, {@code down}, ... */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final DeploymentStatus UP = new DeploymentStatus(State.UP, null);
  public static final DeploymentStatus DOWN = new DeploymentStatus(State.DOWN, null);
  public static final DeploymentStatus DEPLOYING = new DeploymentStatus(State.DEPLOYING, null);

  public static DeploymentStatus failed(String detail) {
    return new DeploymentStatus(State.FAILED, detail);
  }
}
