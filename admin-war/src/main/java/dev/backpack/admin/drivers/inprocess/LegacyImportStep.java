package dev.backpack.admin.drivers.inprocess;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.EngineSettings;
import dev.backpack.deployment.LegacyImportSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The import of a backpack's data from the MongoDB store of an earlier release (the launcher's
 * {@code DATA/mongo/}, {@code backpack.import.mongodb.uri}) into its PostgreSQL schema, as the
 * in-process driver takes part in it: core-war does the copying and checking at its start; the
 * driver names the store in the backpack's settings, says so before deploying, and afterwards
 * says what the backpack now holds (its {@code api/admin/stats}).
 *
 * @param settings the backpack's import keys
 */
record LegacyImportStep(LegacyImportSettings settings) {

  /**
   * The import of a backpack that starts, if there is one: only while the platform serves a store
   * of an earlier release, and only into PostgreSQL (a backpack on a MongoDB is where it was).
   *
   * @param storeUri the platform's {@code backpack.import.mongodb.uri}
   * @param engine the backpack's engine
   * @param name the backpack (its database in the store is {@link BackpackName#database()})
   * @return the step, or empty
   */
  static Optional<LegacyImportStep> plan(Optional<String> storeUri, EngineSettings engine, BackpackName name) {
    if (!(engine instanceof EngineSettings.Postgres)) {
      return Optional.empty();
    }
    return storeUri.filter(u -> !u.isBlank()).map(uri -> new LegacyImportStep(LegacyImportSettings.of(uri, name)));
  }

  /** Adds the import keys to the backpack's settings and says what is about to happen. */
  void announce(Map<String, String> backpackSettings, Progress progress) {
    settings.putInto(backpackSettings);
    progress.notice("Importing the data of an earlier release (MongoDB database " + settings.database() + ") into PostgreSQL");
  }

  /** How often a long import says it is still copying. */
  static final Duration HEARTBEAT = Duration.ofMinutes(1);

  /**
   * While the deployment copies (core-war imports before it serves, inside the server's deploy
   * call): one line every {@link #HEARTBEAT}, so a long import is seen to go on, and the launcher's
   * start-up watchdog (5 minutes without a line) waits for it. Close it when the deploy returns.
   */
  AutoCloseable heartbeat(Progress progress) {
    return heartbeat(progress, HEARTBEAT);
  }

  AutoCloseable heartbeat(Progress progress, Duration every) {
    long started = System.nanoTime();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "backpack-import-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        () -> progress.notice("Still importing " + settings.database() + " (" + Duration.ofNanos(System.nanoTime() - started).toMinutes() + " min so far)"),
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
    };
  }

  /**
   * After the backpack came up: says what it holds now, from its own admin API. A failure to read
   * the counts is said, not thrown: the backpack checked them itself before serving.
   */
  void report(HttpClient http, URI internalUrl, String adminKey, Progress progress) {
    String line;
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(internalUrl.resolve("api/admin/stats")).timeout(Duration.ofSeconds(60)).header("X-Backpack-Admin-Key", adminKey).build(),
              HttpResponse.BodyHandlers.ofString());
      line = answer.statusCode() == 200 ? summary(answer.body()) : "Imported into PostgreSQL (its counts could not be read: HTTP " + answer.statusCode() + ")";
    } catch (IOException | RuntimeException e) {
      line = "Imported into PostgreSQL (its counts could not be read: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      line = "Imported into PostgreSQL (interrupted while reading its counts)";
    }
    progress.notice(line);
  }

  /**
   * The line about a backpack's {@code api/admin/stats}.
   *
   * @param statsJson e.g. {@code {"users":2,"collections":[{"name":"notes","records":5}],"records":5}}
   * @return e.g. "Imported into PostgreSQL: 2 users, 1 collection, 5 records"
   * @throws jakarta.json.JsonException if it is not JSON
   */
  static String summary(String statsJson) {
    JsonObject stats;
    try (JsonReader reader = Json.createReader(new StringReader(statsJson))) {
      stats = reader.readObject();
    }
    JsonValue collections = stats.get("collections");
    long collectionCount = collections instanceof JsonArray array ? array.size() : 0;
    return "Imported into PostgreSQL: " + count(number(stats, "users"), "user") + ", " + count(collectionCount, "collection") + ", " + count(number(stats, "records"), "record");
  }

  private static long number(JsonObject stats, String field) {
    return stats.get(field) instanceof JsonNumber n ? n.longValue() : 0;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
