package dev.backpack.launcher;

import dev.backpack.embedded.EmbeddedPostgres;
import dev.backpack.embedded.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The backing servers: the external ones named in the environment, the embedded ones for the
 * rest. Embedded servers live under the data directory and bind 127.0.0.1 on free ports (the
 * ports may change between starts: every app directory is regenerated with the new URIs).
 *
 * <p>Backpacks keep their data in PostgreSQL, unless {@value #MONGODB_URI} names a MongoDB the
 * team runs: then they keep it there. No MongoDB is started: the wire server of earlier releases
 * left its data in {@code DATA/mongo/}, which is never deleted nor moved here; its import into
 * PostgreSQL is announced by {@link #announceLegacyMongo}.
 */
final class Services implements AutoCloseable {

  static final String MONGODB_URI = "BACKPACK_MONGODB_URI";
  static final String REDIS_URI = "BACKPACK_REDIS_URI";
  static final String POSTGRES_URL = "BACKPACK_POSTGRES_URL";
  static final String POSTGRES_USER = "BACKPACK_POSTGRES_USER";
  static final String POSTGRES_PASSWORD = "BACKPACK_POSTGRES_PASSWORD";

  /** The data directory of the MongoDB wire server of earlier releases, under the data directory. */
  static final String LEGACY_MONGO_DIR = "mongo";

  private EmbeddedRedis redis;
  private EmbeddedPostgres postgres;
  private Endpoints endpoints;

  private Services() {}

  /**
   * Starts what the environment does not provide. On failure, stops what was started and
   * rethrows.
   */
  static Services start(Path dataDir, Map<String, String> env, Consumer<String> progress) {
    Services services = new Services();
    try {
      String mongoUri = env.get(MONGODB_URI);
      if (blank(mongoUri)) {
        mongoUri = null;
        announceLegacyMongo(dataDir, progress);
      } else {
        progress.accept("using external MongoDB (" + MONGODB_URI + ") for the backpacks' data");
      }

      String redisUri = env.get(REDIS_URI);
      if (blank(redisUri)) {
        progress.accept("starting Redis...");
        services.redis = EmbeddedRedis.create(dataDir.resolve("redis"), 0).start();
        redisUri = services.redis.uri();
      } else {
        progress.accept("using external Redis (" + REDIS_URI + ")");
      }

      String postgresUrl = env.get(POSTGRES_URL);
      String postgresUser = env.getOrDefault(POSTGRES_USER, "");
      String postgresPassword = env.getOrDefault(POSTGRES_PASSWORD, "");
      if (blank(postgresUrl)) {
        progress.accept("starting PostgreSQL...");
        services.postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0);
        postgresUrl = services.postgres.jdbcUrl();
        postgresUser = services.postgres.user();
        postgresPassword = services.postgres.password();
        progress.accept("PostgreSQL at " + postgresUrl + " (user " + postgresUser + ")");
      } else {
        progress.accept("using external PostgreSQL (" + POSTGRES_URL + ")");
      }
      services.endpoints = new Endpoints(mongoUri, redisUri, postgresUrl, postgresUser, postgresPassword);
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  Endpoints endpoints() {
    return endpoints;
  }

  /**
   * Says whether the data directory holds {@value #LEGACY_MONGO_DIR}/ of an earlier release (the
   * MongoDB wire server's data): it is imported into PostgreSQL at this start, and kept where it is.
   *
   * @return whether it exists
   */
  static boolean announceLegacyMongo(Path dataDir, Consumer<String> progress) {
    Path legacy = dataDir.resolve(LEGACY_MONGO_DIR);
    if (Files.isDirectory(legacy)) {
      progress.accept("found " + LEGACY_MONGO_DIR + "/ of an earlier release: it will be imported");
      return true;
    }
    return false;
  }

  /** Stops the embedded servers: Redis, then PostgreSQL. */
  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    if (redis != null) {
      try {
        redis.stop();
      } catch (RuntimeException e) {
        failure = e;
      }
      redis = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
      postgres = null;
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
