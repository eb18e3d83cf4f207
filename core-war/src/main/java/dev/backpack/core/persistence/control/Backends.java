package dev.backpack.core.persistence.control;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.backpack.core.config.BackpackSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * Owns this backpack's clients of MongoDB and Redis: created once per deployment, closed when the
 * deployment goes away so an undeployed backpack leaves no threads or sockets behind.
 */
@ApplicationScoped
public class Backends {

  /** How long a request waits for an unreachable server before answering 503. */
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  @Inject BackpackSettings settings;

  private MongoClient mongo;
  private JedisPooled redis;

  @PostConstruct
  void open() {
    MongoClientSettings mongoSettings =
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(settings.mongoUri()))
            .applicationName("backpack-" + settings.name())
            .applyToClusterSettings(
                c -> c.serverSelectionTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
            .applyToSocketSettings(
                s ->
                    s.connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                        .readTimeout(30, TimeUnit.SECONDS))
            .build();
    mongo = MongoClients.create(mongoSettings);
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
  public MongoDatabase database() {
    return mongo.getDatabase(settings.mongoDatabase());
  }

  @Produces
  public JedisPooled redis() {
    return redis;
  }

  @PreDestroy
  void close() {
    if (mongo != null) {
      mongo.close();
    }
    if (redis != null) {
      redis.close();
    }
  }
}
