package dev.backpack.core.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.auth.entity.User;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.StoredRecord;
import dev.backpack.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The postgres engine against a real PostgreSQL, as a backpack's own role in its own schema: what
 * goes in comes back as it went in, writes are conditional on the version, unique values are
 * refused as {@link Engine.Duplicate}, and a dropped collection takes its records with it.
 */
class PostgresEngineTest {

  static Path dir;
  static EmbeddedPostgres postgres;
  static PostgresEngine cut;

  @BeforeAll
  static void start() throws Exception {
    // Hikari closes idle connections on its housekeeping round (30 s unless told): sooner here
    System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", "1000");
    dir = Files.createTempDirectory("engine");
    postgres = EmbeddedPostgres.start(dir, 0);
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE bp_engine LOGIN PASSWORD 'engine-password'");
      st.execute("CREATE SCHEMA bp_engine AUTHORIZATION bp_engine");
    }
    cut =
        new PostgresEngine(
            new PostgresEngine.Settings(postgres.jdbcUrl(), "bp_engine", "engine-password", "bp_engine", 4, 5_000, "engine-test"));
    cut.migrate();
  }

  @AfterAll
  static void stop() {
    cut.close();
    postgres.close();
  }

  @Test
  void recordsComeBackAsTheyWentIn() {
    cut.insertCollection(new CollectionInfo("values", Rules.DEFAULT, new Date(1_700_000_000_123L)));
    Document data =
        new Document("int", 7)
            .append("long", 9_007_199_254_740_993L)
            .append("max", Long.MAX_VALUE)
            .append("min", Long.MIN_VALUE)
            .append("double", 2.0)
            .append("fraction", 1.5)
            .append("huge", 1e300)
            .append("tiny", 1e-300)
            .append("negative", -0.25)
            .append("text", "Zoë 🎒 \u00e4\n\"quoted\"")
            .append("empty", "")
            .append("flag", false)
            .append("nothing", null)
            .append("list", List.of(1, 2.5, "x", List.of(), new Document()))
            .append("nested", new Document("deeper", new Document("v", 10)));
    StoredRecord record =
        new StoredRecord("0123456789abcdef01234567", "owner-1", new Date(1_700_000_000_456L), new Date(1_700_000_001_789L), 3, data);
    cut.insertRecord("values", record);

    StoredRecord back = cut.record("values", record.id()).orElseThrow();
    // the same fields with the same values of the same Java types (jsonb keeps its own field order)
    assertEquals(record.toDocument(), back.toDocument(), "every value and type, the server fields and the version");
    assertEquals(Long.class, back.data().get("long").getClass());
    assertEquals(Integer.class, back.data().get("int").getClass());
    assertEquals(Double.class, back.data().get("double").getClass());
    assertEquals(Double.class, back.data().get("huge").getClass());
  }

  @Test
  void writesAreConditionalOnTheVersion() {
    cut.insertCollection(new CollectionInfo("versions", Rules.DEFAULT, new Date()));
    StoredRecord first = new StoredRecord("aaaaaaaaaaaaaaaaaaaaaaaa", "o", new Date(), new Date(), 1, new Document("n", 1));
    cut.insertRecord("versions", first);
    StoredRecord second = new StoredRecord(first.id(), "o", first.createdAt(), new Date(), 2, new Document("n", 2));
    assertTrue(cut.replaceRecord("versions", second, 1));
    assertFalse(cut.replaceRecord("versions", second, 1), "a stale version changes nothing");
    assertFalse(cut.deleteRecord("versions", first.id(), 1), "a stale version deletes nothing");
    assertEquals(2, cut.record("versions", first.id()).orElseThrow().data().get("n"));
    assertTrue(cut.deleteRecord("versions", first.id(), 2));
    assertTrue(cut.record("versions", first.id()).isEmpty());
  }

  @Test
  void uniqueValuesAreRefusedIgnoringCase() {
    cut.insertCollection(new CollectionInfo("Orders", Rules.DEFAULT, new Date()));
    assertThrows(Engine.Duplicate.class, () -> cut.insertCollection(new CollectionInfo("orders", Rules.DEFAULT, new Date())));
    cut.insertUser(new User("u1aaaaaaaaaaaaaaaaaaaaaa", "ann@example.com", new Date(), "hash-1"));
    assertThrows(
        Engine.Duplicate.class, () -> cut.insertUser(new User("u2aaaaaaaaaaaaaaaaaaaaaa", "ANN@example.com", new Date(), "hash-2")));
    assertEquals("hash-1", cut.userByEmail("Ann@Example.com").orElseThrow().passwordHash());
  }

  @Test
  void droppingACollectionDropsItsRecordsAndNothingElse() {
    cut.insertCollection(new CollectionInfo("doomed", Rules.DEFAULT, new Date()));
    cut.insertCollection(new CollectionInfo("kept", new Rules("public", "public", "signedIn", "owner", "admin"), new Date()));
    for (String collection : List.of("doomed", "kept")) {
      cut.insertRecord(collection, new StoredRecord("bbbbbbbbbbbbbbbbbbbbbbbb", null, new Date(), new Date(), 1, new Document("c", collection)));
    }
    cut.dropCollection("doomed");
    assertTrue(cut.collection("doomed").isEmpty());
    assertEquals(0, cut.countRecords("doomed", new Document(), 5_000));
    assertEquals(1, cut.countRecords("kept", new Document(), 5_000));
    assertEquals("public", cut.collection("kept").orElseThrow().rules().list(), "rules are kept as data");
    assertEquals(
        List.of("bbbbbbbbbbbbbbbbbbbbbbbb"),
        cut.records("kept", new Document(), Sorting.parse(null), null, 10, 5_000).stream().map(StoredRecord::id).toList());
  }

  @Test
  void fileMetadataPagesNewestFirstAndCountsBytes() {
    for (int i = 0; i < 3; i++) {
      cut.insertFile(
          new StoredFile("0000000000" + i + "0" + "ab".repeat(10), "f" + i + ".txt", 100 + i, "text/plain", "sha" + i, "owner-f", i == 0, new Date()));
    }
    List<StoredFile> newest = cut.files("owner-f", null, 2);
    assertEquals(List.of("f2.txt", "f1.txt"), newest.stream().map(StoredFile::name).toList());
    assertEquals(List.of("f0.txt"), cut.files("owner-f", newest.get(1).id(), 2).stream().map(StoredFile::name).toList());
    assertEquals(new Engine.FileUsage(3, 303), cut.fileUsage());
    assertTrue(cut.deleteFile(newest.get(0).id()));
    assertEquals(2, cut.fileNames().size());
  }

  @Test
  void anIdleBackpackHoldsNoConnection() throws Exception {
    cut.countUsers();
    assertTrue(connectionsOf("bp_engine") > 0, "a connection while in use");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (connectionsOf("bp_engine") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertEquals(0, connectionsOf("bp_engine"), "none once idle for " + PostgresEngine.IDLE_MILLIS + " ms");
    cut.countUsers();
    assertTrue(connectionsOf("bp_engine") > 0, "and it connects again when used");
  }

  static int connectionsOf(String role) throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        var st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
      st.setString(1, role);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
