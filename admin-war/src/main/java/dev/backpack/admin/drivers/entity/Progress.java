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

  /**
   * A step worth showing also where single steps are not shown, e.g. in the platform's start-up
   * lines (an earlier release's data being imported). By default, a step like the others.
   *
   * @param message what is being done
   */
  default void notice(String message) {
    step(message);
  }

  /**
   * Only the notices, passed to {@code lines}; the steps are discarded (the platform's start-up,
   * which prints one line per backpack).
   *
   * @param lines receives the notices
   * @return the progress
   */
  static Progress noticesTo(java.util.function.Consumer<String> lines) {
    return new Progress() {
      @Override
      public void step(String message) {}

      @Override
      public void notice(String message) {
        lines.accept(message);
      }
    };
  }
}
