package dev.backpack.core.testing;

import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.EmbeddedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real servers behind the backpacks under test, started once per test JVM on free loopback
 * ports: the MongoDB wire-protocol server and a real redis-server binary.
 */
public final class TestBackends {

  private static EmbeddedMongo mongo;
  private static EmbeddedRedis redis;
  private static Path dir;

  private TestBackends() {}

  public static synchronized void start() {
    if (mongo != null) {
      return;
    }
    try {
      dir = Files.createTempDirectory("backpack-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mongo = EmbeddedMongo.inMemory(0).start();
    redis = EmbeddedRedis.create(dir.resolve("redis"), 0).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  redis.close();
                  mongo.close();
                }));
  }

  public static String mongoUri() {
    start();
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
