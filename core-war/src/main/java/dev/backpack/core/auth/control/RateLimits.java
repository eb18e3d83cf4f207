package dev.backpack.core.auth.control;

import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPooled;

/**
 * Fixed-window counters in Redis under this backpack's prefix, e.g. failed logins per email and
 * per client address. Over the limit: 429 with {@code Retry-After} = what is left of the window.
 */
@ApplicationScoped
public class RateLimits {

  @Inject BackpackSettings settings;
  @Inject JedisPooled redis;

  @Inject
  @ConfigProperty(name = "backpack.auth.login-failures-per-email", defaultValue = "10")
  int loginFailuresPerEmail;

  @Inject
  @ConfigProperty(name = "backpack.auth.login-failures-per-address", defaultValue = "50")
  int loginFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "backpack.auth.registrations-per-address", defaultValue = "20")
  int registrationsPerAddress;

  @Inject
  @ConfigProperty(name = "backpack.auth.window-seconds", defaultValue = "900")
  int windowSeconds;

  /** 429 if any of the counters is already at its limit. */
  public void check(Map<String, Integer> counters) {
    List<String> keys = counters.keySet().stream().map(this::key).toList();
    List<String> values = redis.mget(keys.toArray(String[]::new));
    int i = 0;
    for (Map.Entry<String, Integer> counter : counters.entrySet()) {
      String value = values.get(i);
      if (value != null && Long.parseLong(value) >= counter.getValue()) {
        long ttl = Math.max(1, redis.ttl(keys.get(i)));
        throw new ProblemException(
            429,
            "rate-limited",
            "Too Many Requests",
            "Too many attempts; try again in " + ttl + " seconds.",
            null,
            Map.of("Retry-After", Long.toString(ttl)));
      }
      i++;
    }
  }

  /** Counts one more event on each counter; the first one of a window starts the window. */
  public void hit(Iterable<String> counters) {
    for (String counter : counters) {
      String key = key(counter);
      if (redis.incr(key) == 1) {
        redis.expire(key, windowSeconds);
      }
    }
  }

  public void reset(String counter) {
    redis.del(key(counter));
  }

  public Map<String, Integer> loginLimits(String email, String address) {
    return Map.of(
        loginEmailCounter(email), loginFailuresPerEmail,
        "login:addr:" + address, loginFailuresPerAddress);
  }

  /** The counter of failed logins of one email (keyed by a hash: no addresses in Redis). */
  public String loginEmailCounter(String email) {
    return "login:email:" + Sessions.hash(email);
  }

  public Map<String, Integer> registerLimits(String address) {
    return Map.of("register:addr:" + address, registrationsPerAddress);
  }

  private String key(String counter) {
    return settings.redisPrefix() + "rl:" + counter;
  }
}
