package dev.backpack.admin.drivers.inprocess;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.backpack.admin.backpacks.control.BackpackStore;
import dev.backpack.admin.drivers.control.DriverException;
import dev.backpack.admin.platform.control.Database;
import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.EngineSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A backpack's data on the in-process platform's shared servers: in the platform's PostgreSQL its
 * own role and schema {@code bp_<name>} ({@link PostgresRoles}), or, when the platform was given a
 * MongoDB ({@code backpack.mongodb.uri}), its database {@code bp_<name>} there; and its Redis keys
 * {@code bp:<name>:*}.
 */
@ApplicationScoped
public class BackpackData {

  static final int SCAN_COUNT = 1000;

  @Inject PlatformConfig config;
  @Inject JedisPooled redis;
  @Inject Database database;
  @Inject BackpackStore store;

  private MongoClient mongo;

  /** Whether backpacks keep their data in a MongoDB (the platform was given one) instead of PostgreSQL. */
  public boolean mongoDb() {
    return config.mongoUri().isPresent();
  }

  /** What the backpack's data is, for progress lines: "PostgreSQL schema and role bp_x" or "MongoDB database bp_x". */
  public String describe(BackpackName name) {
    return mongoDb() ? "MongoDB database " + name.database() : "PostgreSQL schema and role " + name.schema();
  }

  /** Whether the backpack's data exists: its role or schema, or its MongoDB database. */
  public boolean hasData(BackpackName name) {
    if (mongoDb()) {
      return StreamSupport.stream(mongo().listDatabaseNames().spliterator(), false).anyMatch(name.database()::equals);
    }
    try (Connection c = database.connection()) {
      return PostgresRoles.exists(c, name);
    } catch (SQLException e) {
      throw new DriverException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * Drops the backpack's data: its schema with everything in it and its role (after ending the
   * role's sessions), or its MongoDB database. Nothing happens for what does not exist.
   */
  public void dropData(BackpackName name) {
    if (mongoDb()) {
      mongo().getDatabase(name.database()).drop();
      return;
    }
    try (Connection c = database.connection()) {
      PostgresRoles.drop(c, name);
    } catch (SQLException e) {
      throw new DriverException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * Makes the backpack's data reachable and says how: with PostgreSQL, makes sure its role (with
   * the password kept in the registry, a fresh one if none is kept yet) and its schema exist;
   * idempotent, run at every create and start. With MongoDB, nothing to make: the database appears
   * with its first write.
   *
   * @return the engine's settings for the backpack's settings file
   * @throws DriverException if the role or schema cannot be made
   */
  public EngineSettings prepare(BackpackName name) {
    Optional<String> mongoUri = config.mongoUri();
    if (mongoUri.isPresent()) {
      return EngineSettings.MongoDb.of(mongoUri.get(), name);
    }
    String password = store.postgresPassword(name).orElse(null);
    if (password == null) {
      password = PostgresRoles.freshPassword();
      if (!store.postgresPassword(name, password)) {
        throw new DriverException(name + " is not in the registry: no place to keep its PostgreSQL password");
      }
    }
    try (Connection c = database.connection()) {
      PostgresRoles.ensure(c, name, password);
    } catch (SQLException e) {
      throw new DriverException("Cannot make the PostgreSQL role and schema " + name.schema() + ": " + e.getMessage(), e);
    }
    return EngineSettings.Postgres.of(withoutCredentials(config.postgresUrl()), name, password);
  }

  /**
   * The platform's JDBC URL without {@code user} and {@code password} parameters: a backpack logs
   * in as its own role, and must never see the platform's credentials.
   */
  static String withoutCredentials(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    if (query < 0) {
      return jdbcUrl;
    }
    List<String> kept =
        java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
            .filter(p -> !p.isEmpty())
            .filter(p -> {
              String key = p.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
              return !key.equals("user") && !key.equals("password");
            })
            .toList();
    return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  /**
   * Deletes every Redis key under the backpack's prefix, walking the key space with SCAN (never
   * KEYS, which blocks Redis for every other backpack while it runs) and UNLINK (freed in the
   * background).
   *
   * @return how many keys were deleted
   */
  public long deleteKeys(BackpackName name) {
    ScanParams params = new ScanParams().match(name.redisPrefix() + "*").count(SCAN_COUNT);
    String cursor = ScanParams.SCAN_POINTER_START;
    long deleted = 0;
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) {
        deleted += redis.unlink(keys.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return deleted;
  }

  /** Whether any key under the backpack's prefix exists. */
  public boolean hasKeys(BackpackName name) {
    ScanParams params = new ScanParams().match(name.redisPrefix() + "*").count(SCAN_COUNT);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      if (!page.getResult().isEmpty()) {
        return true;
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return false;
  }

  private synchronized MongoClient mongo() {
    if (mongo == null) {
      mongo =
          MongoClients.create(
              MongoClientSettings.builder()
                  .applyConnectionString(new ConnectionString(config.mongoUri().orElseThrow()))
                  .applicationName("backpack-platform")
                  .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                  .build());
    }
    return mongo;
  }

  @PreDestroy
  synchronized void close() {
    if (mongo != null) {
      mongo.close();
    }
  }
}
