package dev.backpack.admin.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** The platform's Redis client (sessions, rate limits; the in-process driver's key clean-up). */
@ApplicationScoped
public class Redis {

  static final int TIMEOUT_MILLIS = 2_000;

  @Inject PlatformConfig config;

  private JedisPooled redis;

  @PostConstruct
  void open() {
    URI uri = URI.create(config.redisUri());
    String info = uri.getUserInfo();
    String user = info != null && info.contains(":") && info.indexOf(':') > 0 ? info.substring(0, info.indexOf(':')) : null;
    String password = info == null ? null : info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setTestOnBorrow(true);
    pool.setMaxTotal(16);
    pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
    redis =
        new JedisPooled(
            pool,
            new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .ssl("rediss".equals(uri.getScheme()))
                .user(user)
                .password(password)
                .build());
  }

  @Produces
  public JedisPooled client() {
    return redis;
  }

  @PreDestroy
  void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
