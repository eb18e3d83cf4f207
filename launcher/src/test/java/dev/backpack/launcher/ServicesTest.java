package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {

  @TempDir Path data;

  Services cut;

  @Test
  void externalServersNamedInTheEnvironmentAreUsedAndNothingEmbeddedStarts() throws Exception {
    List<String> progress = new ArrayList<>();
    Map<String, String> env =
        Map.of(
            Services.MONGODB_URI, "mongodb://db.internal:27017",
            Services.REDIS_URI, "redis://cache.internal:6379",
            Services.POSTGRES_URL, "jdbc:postgresql://pg.internal:5432/backpack",
            Services.POSTGRES_USER, "platform",
            Services.POSTGRES_PASSWORD, "s3cret");

    try (Services services = Services.start(data, env, progress::add)) {
      cut = services;
      assertEquals(
          new Endpoints("mongodb://db.internal:27017", "redis://cache.internal:6379", "jdbc:postgresql://pg.internal:5432/backpack", "platform", "s3cret"),
          cut.endpoints());
    }

    try (var created = Files.list(data)) {
      assertEquals(List.of(), created.toList(), "no embedded data directory");
    }
    assertTrue(progress.stream().noneMatch(line -> line.startsWith("starting")), progress.toString());
    assertTrue(progress.stream().noneMatch(line -> line.contains("s3cret")), "no secret in the output");
  }

  @Test
  void onlyTheMissingServersAreEmbedded() {
    List<String> progress = new ArrayList<>();
    Map<String, String> env =
        Map.of(
            Services.MONGODB_URI, "mongodb://db.internal:27017",
            Services.POSTGRES_URL, "jdbc:postgresql://pg.internal:5432/backpack");

    try (Services services = Services.start(data, env, progress::add)) {
      cut = services;
      assertEquals("mongodb://db.internal:27017", cut.endpoints().mongoUri());
      assertTrue(cut.endpoints().redisUri().startsWith("redis://127.0.0.1:"), cut.endpoints().redisUri());
    }

    assertTrue(Files.isDirectory(data.resolve("redis")));
    assertTrue(Files.notExists(data.resolve("mongo")));
    assertTrue(Files.notExists(data.resolve("postgres")));
    assertEquals(List.of("using external MongoDB (BACKPACK_MONGODB_URI) for the backpacks' data", "starting Redis...", "using external PostgreSQL (BACKPACK_POSTGRES_URL)"), progress);
  }

  @Test
  void theDataOfAnEarlierReleaseIsServedForItsImportThenMovedAsideWhenEveryBackpackCameUp() throws Exception {
    Path legacy = Files.createDirectories(data.resolve("mongo"));
    Files.writeString(legacy.resolve("keep.txt"), "records of the previous release");
    List<String> progress = new ArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:04:05Z"), ZoneOffset.UTC);

    try (Services services = Services.start(data, externalRedisAndPostgres(), progress::add)) {
      assertEquals(null, services.endpoints().mongoUri(), "backpacks keep their data in PostgreSQL");
      String uri = services.legacyMongoUri().orElseThrow();
      assertTrue(uri.startsWith("mongodb://127.0.0.1:"), uri);
      assertTrue(Files.isRegularFile(legacy.resolve("mongo.mv")), "the wire server runs on mongo/");

      assertEquals(Optional.of(data.resolve("mongo.imported-20261207-030405")), services.finishLegacyImport(true, clock, progress::add));
      assertTrue(services.legacyMongoUri().isEmpty(), "stopped");
      assertEquals(Optional.empty(), services.finishLegacyImport(true, clock, progress::add), "once");
    }

    assertTrue(Files.notExists(legacy));
    assertEquals("records of the previous release", Files.readString(data.resolve("mongo.imported-20261207-030405/keep.txt")), "moved, not deleted");
    assertEquals(
        List.of(
            "found mongo/ of an earlier release: its data will be imported into PostgreSQL",
            "starting the MongoDB wire server on mongo/ for the import...",
            "using external Redis (BACKPACK_REDIS_URI)",
            "using external PostgreSQL (BACKPACK_POSTGRES_URL)",
            "the data of the earlier release is imported: mongo/ was moved to " + data.resolve("mongo.imported-20261207-030405") + " (delete it once you have checked your backpacks' data)"),
        progress);
  }

  @Test
  void theDataOfAnEarlierReleaseIsKeptWhenABackpackFailedOrTheLauncherFails() throws Exception {
    Path legacy = Files.createDirectories(data.resolve("mongo"));
    List<String> progress = new ArrayList<>();
    try (Services services = Services.start(data, externalRedisAndPostgres(), progress::add)) {
      assertEquals(Optional.of(legacy), services.finishLegacyImport(false, Clock.systemUTC(), progress::add));
    }
    assertTrue(Files.isDirectory(legacy));
    assertEquals("not every backpack came up: " + legacy + " is kept and imported again at the next start", progress.get(progress.size() - 1));

    // a failure before the end of the start-up: close() stops the wire server, mongo/ stays
    Services services = Services.start(data, externalRedisAndPostgres(), progress::add);
    String uri = services.legacyMongoUri().orElseThrow();
    services.close();
    int port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
    try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, free.getLocalPort(), "the wire server no longer listens");
    }
    assertTrue(Files.isDirectory(legacy));
    try (var left = Files.list(data)) {
      assertEquals(List.of(legacy), left.toList(), "nothing moved aside");
    }
  }

  @Test
  void theDataOfAnEarlierReleaseIsNotServedWhenBackpacksCannotImportIt() throws Exception {
    Files.createDirectories(data.resolve("mongo"));
    List<String> progress = new ArrayList<>();
    try (Services services = Services.start(data, externalRedisAndPostgres(), false, progress::add)) {
      assertTrue(services.legacyMongoUri().isEmpty());
    }
    assertTrue(Files.notExists(data.resolve("mongo/mongo.mv")), "not opened");
    assertEquals("found mongo/ of an earlier release: NOT imported (only backpacks of the in-process driver can import it); it is kept", progress.get(0));
  }

  static Map<String, String> externalRedisAndPostgres() {
    return Map.of(Services.REDIS_URI, "redis://cache.internal:6379", Services.POSTGRES_URL, "jdbc:postgresql://pg.internal:5432/backpack");
  }
}
