package dev.backpack.core.persistence.control;

import dev.backpack.core.config.BackpackSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * Owns this backpack's Redis client (the database is the engine's, {@link dev.backpack.core.engine.Engines}): created once per deployment, closed when the
 * deployment goes away so an undeployed backpack leaves no threads or sockets behind.
 */
@ApplicationScoped
public class Backends {

  /** How long a request waits for an unreachable server before answering 503. */
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  @Inject BackpackSettings settings;

  private JedisPooled redis;

  @PostConstruct
  void open() {
    URI redisUri = URI.create(settings.redisUri());
    JedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
            .socketTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
            .ssl("rediss".equals(redisUri.getScheme()))
            .user(userOf(redisUri))
            .password(passwordOf(redisUri))
            .build();
    int port = redisUri.getPort() < 0 ? 6379 : redisUri.getPort();
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    // a connection left from before a Redis restart is dead: check on borrow so the backpack
    // recovers on the first request after Redis returns, not after every stale one has failed
    pool.setTestOnBorrow(true);
    pool.setMaxTotal(32);
    pool.setMaxWait(java.time.Duration.ofMillis(CONNECT_TIMEOUT_MILLIS));
    redis = new JedisPooled(pool, new HostAndPort(redisUri.getHost(), port), config);
  }

  private static String userOf(URI uri) {
    String info = uri.getUserInfo();
    if (info == null || !info.contains(":")) {
      return null;
    }
    String user = info.substring(0, info.indexOf(':'));
    return user.isEmpty() ? null : user;
  }

  private static String passwordOf(URI uri) {
    String info = uri.getUserInfo();
    if (info == null) {
      return null;
    }
    return info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
  }

  @Produces
  public JedisPooled redis() {
    return redis;
  }

  @PreDestroy
  void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
