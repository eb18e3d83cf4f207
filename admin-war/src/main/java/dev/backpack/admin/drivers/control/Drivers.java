package dev.backpack.admin.drivers.control;

import dev.backpack.admin.platform.control.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Produces the one {@link BackpackDriver} the platform uses, chosen by {@code backpack.driver}
 * ({@code inprocess} by default): every implementation is a CDI bean qualified with {@link Driver}.
 */
@ApplicationScoped
public class Drivers {

  @Inject PlatformConfig config;
  @Inject @Any Instance<BackpackDriver> all;

  @Produces
  @ApplicationScoped
  BackpackDriver chosen() {
    Instance<BackpackDriver> selected = all.select(new Driver.Literal(config.driver()));
    if (!selected.isResolvable()) {
      throw new IllegalStateException("backpack.driver=" + config.driver() + " is not a known driver (inprocess, swarm)");
    }
    return selected.get();
  }
}
