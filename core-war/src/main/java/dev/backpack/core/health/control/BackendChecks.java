package dev.backpack.core.health.control;

import dev.backpack.core.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/** Asks this backpack's database and Redis whether they answer. */
@ApplicationScoped
public class BackendChecks {

  @Inject Engine engine;
  @Inject JedisPooled redis;

  /** {@code name → up?} for each backing service, in a fixed order. */
  public Map<String, Boolean> check() {
    Map<String, Boolean> checks = new LinkedHashMap<>();
    checks.put("database", answers(engine::ping));
    checks.put("redis", answers(redis::ping));
    return checks;
  }

  private static boolean answers(Runnable probe) {
    try {
      probe.run();
      return true;
    } catch (RuntimeException down) {
      return false;
    }
  }
}
