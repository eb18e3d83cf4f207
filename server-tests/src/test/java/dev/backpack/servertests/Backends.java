package dev.backpack.servertests;

import dev.backpack.embedded.EmbeddedPostgres;
import dev.backpack.embedded.EmbeddedRedis;
import java.nio.file.Path;

/**
 * The servers Backpack needs, from {@code embedded-services}, started by the test JVM on
 * 127.0.0.1 as stand-ins for a team's production Redis and PostgreSQL (with passwords): an
 * application server under test reaches them only through the URIs and credentials it is given.
 */
final class Backends implements AutoCloseable {

  final EmbeddedRedis redis;
  final EmbeddedPostgres postgres;

  private Backends(EmbeddedRedis redis, EmbeddedPostgres postgres) {
    this.redis = redis;
    this.postgres = postgres;
  }

  /** Starts both with their data under {@code dir} (emptied first). */
  static Backends start(Path dir) {
    AppServer.deleteTree(dir);
    EmbeddedRedis redis = EmbeddedRedis.create(dir.resolve("redis"), 0).start();
    try {
      return new Backends(redis, EmbeddedPostgres.start(dir.resolve("postgres"), 0));
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (AutoCloseable service : new AutoCloseable[] {postgres, redis}) {
      try {
        service.close();
      } catch (Exception e) {
        System.err.println("could not stop " + service + ": " + e);
      }
    }
  }
}
