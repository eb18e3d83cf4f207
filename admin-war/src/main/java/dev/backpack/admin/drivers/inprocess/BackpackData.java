package dev.backpack.admin.drivers.inprocess;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.deployment.BackpackName;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A backpack's data in the shared MongoDB and Redis of the in-process platform: its database
 * {@code bp_<name>} and its keys {@code bp:<name>:*}.
 */
@ApplicationScoped
public class BackpackData {

  static final int SCAN_COUNT = 1000;

  @Inject PlatformConfig config;
  @Inject JedisPooled redis;

  private MongoClient mongo;

  /** Whether the backpack's MongoDB database exists. */
  public boolean hasDatabase(BackpackName name) {
    return StreamSupport.stream(mongo().listDatabaseNames().spliterator(), false).anyMatch(name.database()::equals);
  }

  /** Drops the backpack's database (nothing happens when there is none). */
  public void dropDatabase(BackpackName name) {
    mongo().getDatabase(name.database()).drop();
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
                  .applyConnectionString(new ConnectionString(config.mongoUri()))
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
