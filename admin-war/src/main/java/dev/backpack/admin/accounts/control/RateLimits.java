package dev.backpack.admin.accounts.control;

import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPooled;

/**
 * Fixed-window counters in Redis under the platform's prefix: failed sign-ins per email and per
 * client address, sign-ups per address. Over a limit: 429 with {@code Retry-After} = what is left
 * of the window. Emails and addresses are keyed by their SHA-256: no personal data in Redis.
 */
@ApplicationScoped
public class RateLimits {

  @Inject PlatformConfig config;
  @Inject JedisPooled redis;

  @Inject
  @ConfigProperty(name = "backpack.platform.auth.login-failures-per-email", defaultValue = "10")
  int loginFailuresPerEmail;

  @Inject
  @ConfigProperty(name = "backpack.platform.auth.login-failures-per-address", defaultValue = "50")
  int loginFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "backpack.platform.auth.registrations-per-address", defaultValue = "20")
  int registrationsPerAddress;

  @Inject
  @ConfigProperty(name = "backpack.platform.auth.window-seconds", defaultValue = "900")
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
        throw ProblemException.tooManyRequests("Too many attempts; try again in " + ttl + " seconds.", ttl);
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
    Map<String, Integer> limits = new LinkedHashMap<>();
    limits.put(loginEmailCounter(email), loginFailuresPerEmail);
    limits.put("login:addr:" + Sessions.hash(address), loginFailuresPerAddress);
    return limits;
  }

  public String loginEmailCounter(String email) {
    return "login:email:" + Sessions.hash(email);
  }

  public Map<String, Integer> registerLimits(String address) {
    return Map.of("register:addr:" + Sessions.hash(address), registrationsPerAddress);
  }

  private String key(String counter) {
    return config.redisPrefix() + "rl:" + counter;
  }
}
