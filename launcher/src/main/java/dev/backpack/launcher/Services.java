package dev.backpack.launcher;

import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.EmbeddedPostgres;
import dev.backpack.embedded.EmbeddedRedis;
import dev.backpack.embedded.Watchdog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backing servers: the external ones named in the environment, the embedded ones for the
 * rest. Embedded servers live under the data directory and bind 127.0.0.1 on free ports (the
 * ports may change between starts: every app directory is regenerated with the new URIs).
 *
 * <p>Backpacks keep their data in PostgreSQL, unless {@value #MONGODB_URI} names a MongoDB the
 * team runs: then they keep it there. The MongoDB wire server of earlier releases left its data in
 * {@code DATA/mongo/}: when that exists (and no {@value #MONGODB_URI} is set), the wire server is
 * started on it once more, on 127.0.0.1, only for the backpacks to import their data from it
 * ({@link #legacyMongoUri}); {@link #finishLegacyImport} stops it after the platform's start-up and
 * moves {@code mongo/} aside (never deletes it) when every backpack came up.
 */
final class Services implements AutoCloseable {

  static final String MONGODB_URI = "BACKPACK_MONGODB_URI";
  static final String REDIS_URI = "BACKPACK_REDIS_URI";
  static final String POSTGRES_URL = "BACKPACK_POSTGRES_URL";
  static final String POSTGRES_USER = "BACKPACK_POSTGRES_USER";
  static final String POSTGRES_PASSWORD = "BACKPACK_POSTGRES_PASSWORD";

  /** The data directory of the MongoDB wire server of earlier releases, under the data directory. */
  static final String LEGACY_MONGO_DIR = "mongo";

  /** Where {@code mongo/} goes once imported: {@code mongo.imported-<UTC yyyyMMdd-HHmmss>}. */
  static final DateTimeFormatter IMPORTED_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private EmbeddedRedis redis;
  private Watchdog watchdog;
  private EmbeddedPostgres postgres;
  private EmbeddedMongo legacyMongo;
  private Path legacyDir;
  private Endpoints endpoints;

  private Services() {}

  /**
   * Starts what the environment does not provide, and the wire server on {@code DATA/mongo/} of an
   * earlier release for its import. On failure, stops what was started and rethrows.
   */
  static Services start(Path dataDir, Map<String, String> env, Consumer<String> progress) {
    return start(dataDir, env, true, progress);
  }

  /**
   * Starts what the environment does not provide. On failure, stops what was started and
   * rethrows.
   *
   * @param importLegacy whether backpacks can import {@code DATA/mongo/} of an earlier release (the
   *     in-process driver's can; backpacks in containers cannot reach the launcher's loopback)
   */
  static Services start(Path dataDir, Map<String, String> env, boolean importLegacy, Consumer<String> progress) {
    Services services = new Services();
    try {
      String mongoUri = env.get(MONGODB_URI);
      if (blank(mongoUri)) {
        mongoUri = null;
        if (!importLegacy) {
          if (Files.isDirectory(dataDir.resolve(LEGACY_MONGO_DIR))) {
            progress.accept("found " + LEGACY_MONGO_DIR + "/ of an earlier release: NOT imported (only backpacks of the in-process driver can import it); it is kept");
          }
        } else if (announceLegacyMongo(dataDir, progress)) {
          services.legacyDir = dataDir.resolve(LEGACY_MONGO_DIR);
          progress.accept("starting the MongoDB wire server on " + LEGACY_MONGO_DIR + "/ for the import...");
          services.legacyMongo = EmbeddedMongo.onDisk(services.legacyDir, 0).start();
        }
      } else {
        progress.accept("using external MongoDB (" + MONGODB_URI + ") for the backpacks' data");
      }

      String redisUri = env.get(REDIS_URI);
      if (blank(redisUri)) {
        progress.accept("starting Redis...");
        services.redis = EmbeddedRedis.create(dataDir.resolve("redis"), 0).start(progress);
        redisUri = services.redis.uri();
      } else {
        progress.accept("using external Redis (" + REDIS_URI + ")");
      }

      String postgresUrl = env.get(POSTGRES_URL);
      String postgresUser = env.getOrDefault(POSTGRES_USER, "");
      String postgresPassword = env.getOrDefault(POSTGRES_PASSWORD, "");
      if (blank(postgresUrl)) {
        progress.accept("starting PostgreSQL...");
        services.postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0, progress);
        postgresUrl = services.postgres.jdbcUrl();
        postgresUser = services.postgres.user();
        postgresPassword = services.postgres.password();
        progress.accept("PostgreSQL at " + postgresUrl + " (user " + postgresUser + ")");
      } else {
        progress.accept("using external PostgreSQL (" + POSTGRES_URL + ")");
      }
      services.endpoints = new Endpoints(mongoUri, redisUri, postgresUrl, postgresUser, postgresPassword);
      services.watch();
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** The embedded servers stop when this JVM dies, however it dies. */
  private void watch() {
    List<ProcessHandle> servers = new ArrayList<>();
    if (redis != null) {
      servers.add(redis.process());
    }
    if (postgres != null) {
      servers.add(postgres.process());
    }
    if (!servers.isEmpty()) {
      watchdog = Watchdog.start(servers);
    }
  }

  Endpoints endpoints() {
    return endpoints;
  }

  /**
   * The wire server serving {@code DATA/mongo/} of an earlier release for its import, while it
   * runs.
   *
   * @return its connection string (127.0.0.1), or empty when there is nothing to import
   */
  synchronized Optional<String> legacyMongoUri() {
    return Optional.ofNullable(legacyMongo).map(EmbeddedMongo::connectionString);
  }

  /**
   * Ends the import of {@code DATA/mongo/} after the platform's start-up: stops the wire server;
   * then, if every backpack came up (each imported its data and checked the counts), moves {@code
   * mongo/} aside to {@code mongo.imported-<UTC time>/}, else keeps it for the next start to import
   * again. Says which through {@code progress}. Nothing happens when there was nothing to import.
   *
   * @param allUp whether every registered backpack came up
   * @param clock the time of the new name
   * @return where {@code mongo/} is now, or empty when there was nothing to import
   */
  synchronized Optional<Path> finishLegacyImport(boolean allUp, Clock clock, Consumer<String> progress) {
    if (legacyMongo == null) {
      return Optional.empty();
    }
    legacyMongo.close();
    legacyMongo = null;
    if (!allUp) {
      progress.accept("not every backpack came up: " + legacyDir + " is kept and imported again at the next start");
      return Optional.of(legacyDir);
    }
    Path aside = legacyDir.resolveSibling(LEGACY_MONGO_DIR + ".imported-" + IMPORTED_SUFFIX.format(clock.instant()));
    try {
      Files.move(legacyDir, aside);
    } catch (IOException e) {
      progress.accept("the data of the earlier release is imported, but " + legacyDir + " could not be moved to " + aside + " (" + e + "): it is kept and imported again at the next start unless you move it");
      return Optional.of(legacyDir);
    }
    progress.accept("the data of the earlier release is imported: " + LEGACY_MONGO_DIR + "/ was moved to " + aside + " (delete it once you have checked your backpacks' data)");
    return Optional.of(aside);
  }

  /**
   * Says whether the data directory holds {@value #LEGACY_MONGO_DIR}/ of an earlier release (the
   * MongoDB wire server's data), to be imported into PostgreSQL at this start.
   *
   * @return whether it exists
   */
  static boolean announceLegacyMongo(Path dataDir, Consumer<String> progress) {
    Path legacy = dataDir.resolve(LEGACY_MONGO_DIR);
    if (Files.isDirectory(legacy)) {
      progress.accept("found " + LEGACY_MONGO_DIR + "/ of an earlier release: its data will be imported into PostgreSQL");
      return true;
    }
    return false;
  }

  /** Stops the embedded servers: the wire server of {@code mongo/} (if still running), Redis, then PostgreSQL. */
  @Override
  public synchronized void close() {
    if (watchdog != null) {
      watchdog.close();
      watchdog = null;
    }
    RuntimeException failure = null;
    if (legacyMongo != null) {
      try {
        legacyMongo.close();
      } catch (RuntimeException e) {
        failure = e;
      }
      legacyMongo = null;
    }
    if (redis != null) {
      try {
        redis.stop();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
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
