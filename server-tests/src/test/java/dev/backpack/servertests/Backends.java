package dev.backpack.servertests;

import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.EmbeddedPostgres;
import dev.backpack.embedded.EmbeddedRedis;
import java.nio.file.Path;

/**
 * The servers Backpack needs, from {@code embedded-services}, started by the test JVM on
 * 127.0.0.1 as stand-ins for a team's production MongoDB, Redis and PostgreSQL: an application
 * server under test reaches them only through the URIs it is given.
 */
final class Backends implements AutoCloseable {

  final EmbeddedMongo mongo;
  final EmbeddedRedis redis;
  final EmbeddedPostgres postgres;

  private Backends(EmbeddedMongo mongo, EmbeddedRedis redis, EmbeddedPostgres postgres) {
    this.mongo = mongo;
    this.redis = redis;
    this.postgres = postgres;
  }

  /** Starts all three with their data under {@code dir} (emptied first). */
  static Backends start(Path dir) {
    AppServer.deleteTree(dir);
    EmbeddedMongo mongo = EmbeddedMongo.onDisk(dir.resolve("mongo"), 0).start();
    EmbeddedRedis redis = null;
    try {
      redis = EmbeddedRedis.create(dir.resolve("redis"), 0).start();
      return new Backends(mongo, redis, EmbeddedPostgres.start(dir.resolve("postgres"), 0));
    } catch (RuntimeException e) {
      if (redis != null) {
        redis.close();
      }
      mongo.close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (AutoCloseable service : new AutoCloseable[] {postgres, redis, mongo}) {
      try {
        service.close();
      } catch (Exception e) {
        System.err.println("could not stop " + service + ": " + e);
      }
    }
  }
}
