package dev.backpack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

  @TempDir Path dir;

  EmbeddedMongo cut;

  @AfterEach
  void close() {
    if (cut != null) {
      cut.close();
    }
  }

  @Test
  void documentsSurviveARestartOnTheSameDirectory() throws Exception {
    cut = EmbeddedMongo.onDisk(dir, 0).start();
    int firstPort = cut.port();
    try (MongoClient client = client(cut.connectionString())) {
      client.getDatabase("bp_demo").getCollection("notes").insertOne(new Document("_id", "n1").append("text", "hi"));
    }
    cut.close();
    assertTrue(Files.size(dir.resolve(EmbeddedMongo.STORE_FILE)) > 0, "store file written");

    cut = EmbeddedMongo.onDisk(dir, firstPort).start();
    assertEquals(firstPort, cut.port());
    try (MongoClient client = client(cut.connectionString())) {
      Document found = client.getDatabase("bp_demo").getCollection("notes").find(new Document("_id", "n1")).first();
      assertNotNull(found, "document read back after restart");
      assertEquals("hi", found.getString("text"));
    }
  }

  @Test
  void bindsLoopbackOnAFreePortAndNamesItInTheConnectionString() {
    cut = EmbeddedMongo.inMemory(0).start();
    assertNotEquals(0, cut.port());
    assertEquals("mongodb://127.0.0.1:" + cut.port(), cut.connectionString());
  }

  @Test
  void nothingAnswersAfterClose() {
    cut = EmbeddedMongo.inMemory(0).start();
    String uri = cut.connectionString();
    cut.close();
    try (MongoClient client = client(uri)) {
      assertThrows(MongoException.class, () -> client.getDatabase("x").runCommand(new Document("ping", 1)));
    }
  }

  @Test
  void changeStreamsNeedTheOplog() {
    cut = EmbeddedMongo.inMemory(0).withOplog().start();
    try (MongoClient client = client(cut.connectionString())) {
      var notes = client.getDatabase("bp_demo").getCollection("notes");
      try (var cursor = notes.watch().cursor()) {
        notes.insertOne(new Document("text", "live"));
        var change = cursor.next();
        assertEquals("live", change.getFullDocument().getString("text"));
      }
    }
  }

  private static MongoClient client(String uri) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
            .build());
  }
}
