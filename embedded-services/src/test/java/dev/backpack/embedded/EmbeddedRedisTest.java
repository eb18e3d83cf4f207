package dev.backpack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class EmbeddedRedisTest {

  @TempDir Path dir;

  EmbeddedRedis cut;

  @AfterEach
  void close() {
    if (cut != null) {
      cut.close();
    }
  }

  @Test
  void keysSurviveStopAndStartOnTheSamePort() {
    cut = EmbeddedRedis.create(dir, 0).start();
    int port = cut.port();
    assertEquals("redis://127.0.0.1:" + port, cut.uri());
    try (Jedis jedis = new Jedis(cut.uri())) {
      jedis.set("bp:demo:session", "alice");
    }

    cut.stop();
    assertFalse(cut.isRunning());
    assertThrows(
        JedisConnectionException.class,
        () -> {
          try (Jedis jedis = new Jedis("127.0.0.1", port, 500)) {
            jedis.ping();
          }
        },
        "nothing answers while stopped");

    cut.start();
    assertEquals(port, cut.port());
    try (Jedis jedis = new Jedis(cut.uri())) {
      assertEquals("alice", jedis.get("bp:demo:session"));
    }
  }

  @Test
  void keysSurviveANewServerOnTheSameDirectory() throws Exception {
    cut = EmbeddedRedis.create(dir, 0).start();
    try (Jedis jedis = new Jedis(cut.uri())) {
      jedis.set("k", "v");
    }
    cut.close();
    assertTrue(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith("appendonly")), "append-only file written");

    cut = EmbeddedRedis.create(dir, 0).start();
    try (Jedis jedis = new Jedis(cut.uri())) {
      assertEquals("v", jedis.get("k"));
      assertEquals("yes", jedis.configGet("appendonly").get("appendonly"));
      assertEquals("127.0.0.1", jedis.configGet("bind").get("bind"));
    }
  }
}
