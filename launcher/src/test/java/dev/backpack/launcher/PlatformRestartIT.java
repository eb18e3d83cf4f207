package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.embedded.FreePort;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform survives a restart, run as a user runs it ({@code ./backpack} as a process, stopped
 * with SIGTERM): two backpacks created through the platform API come back with their data, the
 * platform account and its session too; and a data directory of the launcher's former file
 * registry is imported into PostgreSQL.
 */
class PlatformRestartIT {

  @TempDir Path tmp;

  BackpackScriptTest.Launched cut;

  @AfterEach
  void kill() throws InterruptedException {
    if (cut != null && cut.process.isAlive()) {
      cut.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoBackpacksCreatedThroughTheApiAnswerWithTheirDataAfterARestart() throws Exception {
    int port = FreePort.orFree(0);
    Path data = tmp.resolve("data");
    URI platform = URI.create("http://127.0.0.1:" + port + "/");

    cut = launch("--port", Integer.toString(port), "--data-dir", data.toString());
    assertEquals("Backpack ready at " + platform + " (backpacks: none)", cut.awaitReady());
    Api developer = new Api(platform).register("dev@example.org");
    Map<String, String> records = new java.util.LinkedHashMap<>();
    for (String name : List.of("alpha", "beta")) {
      assertEquals("succeeded", developer.createAndWait(name).get("state"));
      String id = developer.post("backpacks/" + name + "/collections/notes/records", "{\"text\":\"kept in " + name + "\"}").expect(201).string("id");
      records.put(name, id);
    }
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());

    cut = launch("--port", Integer.toString(port), "--data-dir", data.toString());
    assertEquals("Backpack ready at " + platform + " (backpacks: alpha, beta)", cut.awaitReady());
    assertTrue(cut.stdout.contains("deploying backpack alpha..."), cut.stdout.toString());
    // the platform session lives in Redis, the account in PostgreSQL: both came back
    assertEquals("dev@example.org", Api.map(developer.get("auth/me").expect(200).json().get("account")).get("email"));
    for (Map.Entry<String, String> record : records.entrySet()) {
      assertEquals("up", developer.get("backpacks/" + record.getKey()).expect(200).string("status"));
      assertEquals("kept in " + record.getKey(), developer.get("backpacks/" + record.getKey() + "/collections/notes/records/" + record.getValue()).expect(200).string("text"));
      HttpResponse<String> health = Api.HTTP.send(HttpRequest.newBuilder(platform.resolve(record.getKey() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
  }

  @Test
  void theFormerFileRegistryIsImportedOnceWithItsAdminKey() throws Exception {
    int port = FreePort.orFree(0);
    Path data = tmp.resolve("data");
    Path legacy = data.resolve("backpacks/old-one/backpack.properties");
    Files.createDirectories(legacy.getParent().resolve("files"));
    Files.writeString(legacy, "name=old-one\nadmin.key=legacy-key-0123456789abcdefghijklmnopqrstuv\ncreated=2026-01-01T00:00:00Z\n");

    cut = launch("--port", Integer.toString(port), "--data-dir", data.toString());
    assertEquals("Backpack ready at http://127.0.0.1:" + port + "/ (backpacks: old-one)", cut.awaitReady());
    assertTrue(cut.stdout.stream().anyMatch(l -> l.startsWith("imported backpack old-one")), cut.stdout.toString());
    assertTrue(Files.notExists(legacy), "PostgreSQL is now the only registry");
    HttpResponse<String> stats =
        Api.HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/old-one/api/admin/stats")).header("X-Backpack-Admin-Key", "legacy-key-0123456789abcdefghijklmnopqrstuv").build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, stats.statusCode(), "the backpack kept its admin key: " + stats.body());
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
  }

  BackpackScriptTest.Launched launch(String... args) throws Exception {
    return BackpackScriptTest.start(tmp, "-Xmx512m", Map.of(), args);
  }
}
