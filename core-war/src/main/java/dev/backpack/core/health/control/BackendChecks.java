package dev.backpack.core.health.control;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import redis.clients.jedis.JedisPooled;

/** Asks this backpack's database and Redis whether they answer. */
@ApplicationScoped
public class BackendChecks {

  @Inject MongoDatabase database;
  @Inject JedisPooled redis;

  /** {@code name → up?} for each backing service, in a fixed order. */
  public Map<String, Boolean> check() {
    Map<String, Boolean> checks = new LinkedHashMap<>();
    checks.put("database", answers(() -> database.runCommand(new Document("ping", 1))));
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
