package dev.backpack.admin.drivers.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.EngineSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegacyImportStepTest {

  BackpackName shop = new BackpackName("my-shop");
  EngineSettings postgres = EngineSettings.Postgres.of("jdbc:postgresql://127.0.0.1:5/postgres", shop, "pw");

  @Test
  void onlyABackpackOnPostgresImportsAndOnlyWhileTheStoreIsServed() {
    assertEquals(Optional.empty(), LegacyImportStep.plan(Optional.empty(), postgres, shop), "no mongo/ at this start");
    assertEquals(Optional.empty(), LegacyImportStep.plan(Optional.of(" "), postgres, shop));
    assertEquals(Optional.empty(), LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), EngineSettings.MongoDb.of("mongodb://db:27017", shop), shop), "its data stays where it is");
    LegacyImportStep step = LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), postgres, shop).orElseThrow();
    assertEquals("mongodb://127.0.0.1:7", step.settings().uri());
    assertEquals("bp_my_shop", step.settings().database(), "the database the previous release kept the backpack in");
  }

  @Test
  void theImportKeysGoIntoTheSettingsAndTheStepIsANotice() {
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> steps = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), postgres, shop).orElseThrow().announce(settings, Progress.noticesTo(notices::add));
    assertEquals(Map.of("backpack.import.mongodb.uri", "mongodb://127.0.0.1:7", "backpack.import.mongodb.database", "bp_my_shop"), settings);
    assertEquals(List.of("Importing the data of an earlier release (MongoDB database bp_my_shop) into PostgreSQL"), notices);

    LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), postgres, shop).orElseThrow().announce(new LinkedHashMap<>(), steps::add);
    assertEquals(notices, steps, "an operation shows it as one of its steps");
  }

  @Test
  void aLongImportSaysItIsStillCopyingUntilTheDeployReturns() throws Exception {
    List<String> notices = java.util.Collections.synchronizedList(new ArrayList<>());
    LegacyImportStep step = LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), postgres, shop).orElseThrow();
    AutoCloseable beat = step.heartbeat(Progress.noticesTo(notices::add), java.time.Duration.ofMillis(50));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (notices.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    beat.close();
    assertTrue(notices.size() >= 2, "a line per interval: " + notices);
    assertTrue(notices.stream().allMatch(n -> n.startsWith("Still importing bp_my_shop (") && n.endsWith(" min so far)")), notices.toString());
    int stopped = notices.size();
    Thread.sleep(200);
    assertEquals(stopped, notices.size(), "no line once the deploy returned");
  }

  @Test
  void theSummaryCountsUsersCollectionsAndRecords() {
    assertEquals(
        "Imported into PostgreSQL: 2 users, 2 collections, 7 records",
        LegacyImportStep.summary("{\"users\":2,\"collections\":[{\"name\":\"a\",\"records\":5},{\"name\":\"b\",\"records\":2}],\"records\":7,\"storage\":{}}"));
    assertEquals("Imported into PostgreSQL: 1 user, 1 collection, 1 record", LegacyImportStep.summary("{\"users\":1,\"collections\":[{\"name\":\"a\",\"records\":1}],\"records\":1}"));
    assertEquals("Imported into PostgreSQL: 0 users, 0 collections, 0 records", LegacyImportStep.summary("{\"users\":0,\"collections\":[],\"records\":0}"));
  }

  @Test
  void theCountsAreReadFromTheBackpacksAdminApiWithItsKey() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> seen = new ArrayList<>();
    server.createContext(
        "/my-shop/api/admin/stats",
        exchange -> {
          seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Backpack-Admin-Key"));
          boolean allowed = "the-key".equals(exchange.getRequestHeaders().getFirst("X-Backpack-Admin-Key"));
          byte[] body = (allowed ? "{\"users\":3,\"collections\":[{\"name\":\"notes\",\"records\":4}],\"records\":4}" : "{}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      URI backpack = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/my-shop/");
      LegacyImportStep step = LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), postgres, shop).orElseThrow();
      List<String> lines = new ArrayList<>();
      step.report(HttpClient.newHttpClient(), backpack, "the-key", lines::add);
      step.report(HttpClient.newHttpClient(), backpack, "wrong", lines::add);
      assertEquals(List.of("GET the-key", "GET wrong"), seen);
      assertEquals("Imported into PostgreSQL: 3 users, 1 collection, 4 records", lines.get(0));
      assertEquals("Imported into PostgreSQL (its counts could not be read: HTTP 401)", lines.get(1), "said, not thrown");
    } finally {
      server.stop(0);
    }
    List<String> lines = new ArrayList<>();
    LegacyImportStep.plan(Optional.of("mongodb://127.0.0.1:7"), postgres, shop).orElseThrow().report(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1/my-shop/"), "k", lines::add);
    assertTrue(lines.get(0).startsWith("Imported into PostgreSQL (its counts could not be read: "), lines.toString());
  }
}
