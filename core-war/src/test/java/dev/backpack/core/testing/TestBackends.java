package dev.backpack.core.testing;

import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.EmbeddedPostgres;
import dev.backpack.embedded.EmbeddedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real servers behind the backpacks under test, started once per test JVM on free loopback
 * ports: a real PostgreSQL (the {@code postgres} engine, the default) and a real redis-server. The
 * MongoDB wire server is started only for tests of the {@code mongodb} engine, whose test double
 * it is (no real mongod can be installed here).
 */
public final class TestBackends {

  private static EmbeddedPostgres postgres;
  private static EmbeddedRedis redis;
  private static EmbeddedMongo mongo;
  private static Path dir;
  private static final Map<String, Map<String, String>> SCHEMAS = new ConcurrentHashMap<>();

  private TestBackends() {}

  public static synchronized void start() {
    if (redis != null) {
      return;
    }
    try {
      dir = Files.createTempDirectory("backpack-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    postgres = EmbeddedPostgres.start(dir.resolve("postgres"), 0);
    redis = EmbeddedRedis.create(dir.resolve("redis"), 0).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  redis.close();
                  postgres.close();
                  synchronized (TestBackends.class) {
                    if (mongo != null) {
                      mongo.close();
                    }
                  }
                }));
  }

  /**
   * The settings of the {@code postgres} engine for a backpack whose schema is {@code schema}:
   * made on first use as the platform makes one (a role of that name with its own password, owning
   * a schema of that name); the same schema again gives the same settings (replicas).
   */
  public static Map<String, String> postgres(String schema) {
    start();
    return SCHEMAS.computeIfAbsent(schema, TestBackends::provision);
  }

  /** The settings of the {@code postgres} engine in a new schema named after {@code prefix}. */
  public static Map<String, String> newPostgres(String prefix) {
    return postgres(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static Map<String, String> provision(String schema) {
    String password = UUID.randomUUID().toString();
    try (Connection c = superuser();
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE \"" + schema + "\" LOGIN PASSWORD '" + password + "'");
      st.execute("CREATE SCHEMA \"" + schema + "\" AUTHORIZATION \"" + schema + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make schema " + schema, e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.postgres.url", postgres.jdbcUrl());
    settings.put("backpack.postgres.user", schema);
    settings.put("backpack.postgres.password", password);
    settings.put("backpack.postgres.schema", schema);
    return settings;
  }

  /** A connection as the server's superuser, to look into what a backpack stored. */
  public static Connection superuser() throws SQLException {
    start();
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  /** The embedded PostgreSQL server. */
  public static EmbeddedPostgres postgresServer() {
    start();
    return postgres;
  }

  /**
   * The settings of the {@code mongodb} engine on the MongoDB wire server (this engine's test
   * double), in a new database named after {@code prefix}.
   */
  public static Map<String, String> mongodb(String prefix) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.mongodb.uri", mongoUri());
    settings.put("backpack.mongodb.database", prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    return settings;
  }

  public static synchronized String mongoUri() {
    start();
    if (mongo == null) {
      mongo = EmbeddedMongo.inMemory(0).start();
    }
    return mongo.connectionString();
  }

  public static String redisUri() {
    start();
    return redis.uri();
  }

  /** The shared redis-server, for tests that stop it to simulate an outage. */
  public static EmbeddedRedis redis() {
    start();
    return redis;
  }

  public static Path dir() {
    start();
    return dir;
  }
}
