package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.FreePort;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory in the previous release's storage layout is upgraded by {@code ./backpack}: (a)
 * the previous release's layout is made with today's launcher on the MongoDB wire server over
 * {@code DATA/mongo/} (the store the previous release's launcher started itself), a backpack's data
 * in database {@code bp_legacy}; (b) a start without {@code BACKPACK_MONGODB_URI} imports it into
 * PostgreSQL: every record as it was (ids, times, ETags, values), the collection's rules, the user
 * with its password, the file; {@code mongo/} is moved aside; (c) the next start imports nothing.
 */
class UpgradeIT {

  static final String PASSWORD = "correct horse battery";
  static final String IMPORT_LINE = "  Importing the data of an earlier release (MongoDB database bp_legacy) into PostgreSQL";
  static final Map<String, String> RULES = Map.of("list", "public", "read", "public", "create", "signedIn", "update", "owner", "delete", "admin");

  @TempDir Path tmp;

  BackpackScriptTest.Launched cut;
  EmbeddedMongo previous;

  @AfterEach
  void kill() throws InterruptedException {
    if (cut != null && cut.process.isAlive()) {
      cut.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (previous != null) {
      previous.close();
    }
  }

  @Test
  void aDataDirectoryOfThePreviousReleaseIsImportedIntoPostgresOnceAndMongoIsMovedAside() throws Exception {
    int port = FreePort.orFree(0);
    Path data = tmp.resolve("data");
    URI base = URI.create("http://127.0.0.1:" + port + "/legacy/");

    // (a) the previous release's layout: the backpack's data in the wire server over DATA/mongo/
    previous = EmbeddedMongo.onDisk(data.resolve("mongo"), 0).start();
    cut = BackpackScriptTest.start(tmp, "-Xmx512m", Map.of(Services.MONGODB_URI, previous.connectionString()), "--port", Integer.toString(port), "--data-dir", data.toString(), "--backpack", "legacy");
    cut.awaitReady();
    String key = settings(data).getProperty("backpack.admin.key");
    String token = token(send(json(base.resolve("api/auth/register"), "POST", "{\"email\":\"old@example.org\",\"password\":\"" + PASSWORD + "\"}", null)), 201);
    Map<String, Object> rules = createCollection(base, key);
    List<String> bodies =
        List.of(
            "{\"title\":\"Grüße aus Köln ✓ 日本語 🎒\",\"n\":42,\"big\":9007199254740993,\"neg\":-9007199254740993,\"x\":1.5,\"y\":2.0,\"tiny\":1.0E-7,\"ok\":true,\"none\":null}",
            "{\"nested\":{\"a\":[1,2,{\"b\":null,\"c\":[\"x\",2.5]}],\"deep\":{\"er\":{\"est\":\"ü\"}}},\"empty\":{},\"list\":[]}",
            "{\"title\":\"to be updated\",\"count\":1}",
            "{\"title\":\"plain\",\"max\":9223372036854775807,\"min\":-9223372036854775808}");
    List<String> ids = bodies.stream().map(body -> create(base, token, body)).toList();
    HttpResponse<String> updated = send(json(base.resolve("api/collections/notes/records/" + ids.get(2)), "PATCH", "{\"title\":\"updated once\",\"count\":2,\"more\":{\"z\":1.25}}", token));
    assertEquals(200, updated.statusCode(), updated.body());
    byte[] bytes = ("a file of the previous release: äöü ✓\n".repeat(300) + "end").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> uploaded = DurabilityIT.post(base.resolve("api/files"), token, "multipart/form-data; boundary=up9rade", DurabilityIT.multipart("up9rade", bytes));
    assertEquals(201, uploaded.statusCode(), uploaded.body());
    String fileId = BackpackScriptTest.field(uploaded.body(), "id");
    Map<String, Record> before = read(base, token, ids);
    assertNotEquals(before.get(ids.get(0)).etag(), before.get(ids.get(2)).etag());
    Map<String, Object> statsBefore = stats(base, key);
    assertEquals("mongodb", engineOf(data), "the previous release's layout");
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
    previous.close();
    previous = null;
    assertTrue(Files.isRegularFile(data.resolve("mongo").resolve(EmbeddedMongo.STORE_FILE)));

    // (b) the upgrade: no BACKPACK_MONGODB_URI any more
    cut = BackpackScriptTest.start(tmp, "-Xmx512m", Map.of(), "--port", Integer.toString(port), "--data-dir", data.toString());
    assertEquals("Backpack ready at http://127.0.0.1:" + port + "/ (backpacks: legacy)", cut.awaitReady(), cut.stdout.toString());
    List<String> lines = List.copyOf(cut.stdout);
    assertTrue(lines.contains("found mongo/ of an earlier release: its data will be imported into PostgreSQL"), lines.toString());
    assertTrue(lines.contains(IMPORT_LINE), lines.toString());
    assertTrue(lines.contains("  Imported into PostgreSQL: 1 user, 1 collection, 4 records"), lines.toString());
    assertTrue(lines.indexOf(IMPORT_LINE) > lines.indexOf("deploying backpack legacy..."), lines.toString());
    assertTrue(Files.notExists(data.resolve("mongo")), "mongo/ moved aside");
    List<Path> aside;
    try (var listed = Files.list(data)) {
      aside = listed.filter(p -> p.getFileName().toString().matches("mongo\\.imported-\\d{8}-\\d{6}")).toList();
    }
    assertEquals(1, aside.size(), "one mongo.imported-<time>/");
    assertTrue(Files.isRegularFile(aside.get(0).resolve(EmbeddedMongo.STORE_FILE)), "kept, not deleted");
    assertTrue(lines.stream().anyMatch(l -> l.contains("mongo/ was moved to " + aside.get(0)) && l.contains("delete it once")), lines.toString());
    assertEquals("postgres", engineOf(data), "the backpack now keeps its data in PostgreSQL");
    assertEquals("bp_legacy", settings(data).getProperty("backpack.import.mongodb.database"));

    assertEquals(before, read(base, login(base), ids), "every record as it was: id, times, ETag, values");
    assertEquals(rules, collection(base, key), "the rules are kept");
    assertEquals(statsBefore.get("users"), stats(base, key).get("users"));
    assertEquals(statsBefore.get("records"), stats(base, key).get("records"));
    HttpResponse<byte[]> download = Api.HTTP.send(HttpRequest.newBuilder(base.resolve("api/files/" + fileId)).header("X-Backpack-Admin-Key", key).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, download.statusCode());
    assertEquals(DurabilityIT.sha256(bytes), DurabilityIT.sha256(download.body()), "the file's bytes");
    String newToken = login(base);
    String fresh = create(base, newToken, "{\"title\":\"written after the upgrade\",\"big\":9007199254740993}");
    HttpResponse<String> patched = send(json(base.resolve("api/collections/notes/records/" + ids.get(0)), "PATCH", "{\"n\":43}", newToken));
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals(401, send(json(base.resolve("api/auth/login"), "POST", "{\"email\":\"old@example.org\",\"password\":\"wrong password!\"}", null)).statusCode(), "the hash, not anything");
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());

    // (c) the next start: nothing to import, everything still there
    cut = BackpackScriptTest.start(tmp, "-Xmx512m", Map.of(), "--port", Integer.toString(port), "--data-dir", data.toString());
    cut.awaitReady();
    lines = List.copyOf(cut.stdout);
    assertTrue(lines.stream().noneMatch(l -> l.contains("Import") || l.contains("mongo/")), lines.toString());
    assertEquals(null, settings(data).getProperty("backpack.import.mongodb.uri"), "no import without mongo/");
    String again = login(base);
    Map<String, Record> after = read(base, again, ids);
    assertEquals(before.get(ids.get(1)), after.get(ids.get(1)));
    assertEquals(before.get(ids.get(3)), after.get(ids.get(3)));
    assertEquals(43L, after.get(ids.get(0)).body().get("n"));
    assertEquals(9007199254740993L, read(base, again, List.of(fresh)).get(fresh).body().get("big"));
    assertEquals(rules, collection(base, key));
    assertEquals(5L, stats(base, key).get("records"));
    assertEquals(1, aside.size());
    assertTrue(Files.isDirectory(aside.get(0)) && Files.notExists(data.resolve("mongo")));
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
  }

  /** A record as a client sees it: its JSON (server fields and values) and its ETag. */
  record Record(Map<String, Object> body, String etag) {}

  static Map<String, Record> read(URI base, String token, List<String> ids) throws Exception {
    Map<String, Record> records = new LinkedHashMap<>();
    for (String id : ids) {
      HttpResponse<String> got = send(json(base.resolve("api/collections/notes/records/" + id), "GET", null, token));
      assertEquals(200, got.statusCode(), got.body());
      records.put(id, new Record(Json.object(got.body()), got.headers().firstValue("ETag").orElseThrow()));
    }
    return records;
  }

  static Map<String, Object> createCollection(URI base, String key) throws Exception {
    HttpResponse<String> created = send(json(base.resolve("api/admin/collections"), "POST", "{\"name\":\"notes\",\"rules\":{\"list\":\"public\",\"read\":\"public\",\"create\":\"signedIn\",\"update\":\"owner\",\"delete\":\"admin\"}}", null).header("X-Backpack-Admin-Key", key));
    assertEquals(201, created.statusCode(), created.body());
    Map<String, Object> collection = collection(base, key);
    assertEquals(RULES, collection.get("rules"), collection.toString());
    return collection;
  }

  static Map<String, Object> collection(URI base, String key) throws Exception {
    HttpResponse<String> listed = send(json(base.resolve("api/admin/collections"), "GET", null, null).header("X-Backpack-Admin-Key", key));
    assertEquals(200, listed.statusCode(), listed.body());
    for (Object item : (List<?>) Json.parse(listed.body())) {
      Map<String, Object> collection = Api.map(item);
      if ("notes".equals(collection.get("name"))) {
        return collection;
      }
    }
    throw new AssertionError("no collection notes in " + listed.body());
  }

  static Map<String, Object> stats(URI base, String key) throws Exception {
    HttpResponse<String> stats = send(json(base.resolve("api/admin/stats"), "GET", null, null).header("X-Backpack-Admin-Key", key));
    assertEquals(200, stats.statusCode(), stats.body());
    return Json.object(stats.body());
  }

  static String create(URI base, String token, String body) {
    try {
      HttpResponse<String> created = send(json(base.resolve("api/collections/notes/records"), "POST", body, token));
      assertEquals(201, created.statusCode(), created.body());
      return BackpackScriptTest.field(created.body(), "id");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String login(URI base) throws Exception {
    return token(send(json(base.resolve("api/auth/login"), "POST", "{\"email\":\"old@example.org\",\"password\":\"" + PASSWORD + "\"}", null)), 200);
  }

  static String token(HttpResponse<String> answer, int status) {
    assertEquals(status, answer.statusCode(), answer.body());
    return BackpackScriptTest.field(answer.body(), "token");
  }

  static Properties settings(Path data) throws Exception {
    Properties settings = new Properties();
    try (var in = Files.newInputStream(data.resolve("backpacks/legacy/app/WEB-INF/classes/META-INF/backpack.properties"))) {
      settings.load(in);
    }
    return settings;
  }

  static String engineOf(Path data) throws Exception {
    Properties settings = settings(data);
    return settings.getProperty("backpack.mongodb.uri") != null ? "mongodb" : settings.getProperty("backpack.postgres.schema") != null ? "postgres" : "unknown";
  }

  static HttpRequest.Builder json(URI uri, String method, String body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
