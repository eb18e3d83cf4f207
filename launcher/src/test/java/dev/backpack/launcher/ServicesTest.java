package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  void noMongoDbIsStartedAndTheDataOfAnEarlierReleaseIsAnnouncedAndKept() throws Exception {
    Path legacy = Files.createDirectories(data.resolve("mongo"));
    Files.writeString(legacy.resolve("backpack.mv.db"), "records of the previous release");
    List<String> progress = new ArrayList<>();
    Map<String, String> env =
        Map.of(
            Services.REDIS_URI, "redis://cache.internal:6379",
            Services.POSTGRES_URL, "jdbc:postgresql://pg.internal:5432/backpack");

    try (Services services = Services.start(data, env, progress::add)) {
      assertEquals(null, services.endpoints().mongoUri());
      assertTrue(services.endpoints().mongoDb().isEmpty());
    }

    assertEquals(List.of("found mongo/ of an earlier release: it will be imported", "using external Redis (BACKPACK_REDIS_URI)", "using external PostgreSQL (BACKPACK_POSTGRES_URL)"), progress);
    assertEquals("records of the previous release", Files.readString(legacy.resolve("backpack.mv.db")), "mongo/ is neither deleted nor moved");
  }
}
