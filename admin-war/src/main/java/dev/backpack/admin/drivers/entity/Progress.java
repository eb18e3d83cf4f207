package dev.backpack.admin.drivers.entity;

/** Receives the steps of a driver's work, one line each, as they start; they reach the SPA live. */
@FunctionalInterface
public interface Progress {

  /** Discards every step. */
  Progress NONE = step -> {};

  /**
   * One step, fit for a user ("Deploying core-war at /shop").
   *
   * @param message what is being done
   */
  void step(String message);
}
