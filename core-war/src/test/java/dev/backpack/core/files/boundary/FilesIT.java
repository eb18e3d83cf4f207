package dev.backpack.core.files.boundary;

import static dev.backpack.core.files.boundary.Multipart.random;
import static dev.backpack.core.files.boundary.Multipart.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.files.boundary.Multipart.Downloaded;
import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Files over real HTTP on a real Payara Micro: what a browser or the SDK sees, and what is (and
 * above all is not) left in the backpack's directory and database afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FilesIT {

  static final String NAME = "filestore";
  static final String SCHEMA = "it_filestore_" + UUID.randomUUID().toString().substring(0, 8);
  static final String OTHER_SCHEMA = "it_other_" + SCHEMA;
  static final long MIB = 1024 * 1024;
  static final long QUOTA = 64 * MIB;

  @Deployment(testable = false)
  static WebArchive deployment() {
    Map<String, String> settings = new java.util.HashMap<>(TestBackends.postgres(SCHEMA));
    settings.put("backpack.files.quota-bytes", Long.toString(QUOTA));
    settings.put("backpack.auth.registrations-per-address", "1000");
    return Deployments.backpack(NAME, settings);
  }

  @ArquillianResource URL base;
  Api api;
  Api admin;

  record User(Api api, String token, String id) {
    String[] bearer() {
      return new String[] {"Authorization", "Bearer " + token};
    }
  }

  @BeforeEach
  void client() {
    api = new Api(base);
    admin = api.asAdmin();
  }

  User register() {
    Reply reply =
        api.post(
            "/api/auth/register",
            "{\"email\":\"u" + UUID.randomUUID() + "@example.com\",\"password\":\"correct horse battery\"}");
    assertEquals(201, reply.status(), reply::body);
    String token = reply.json().getString("token");
    return new User(api.withToken(token), token, reply.json().getJsonObject("user").getString("id"));
  }

  /** The ids of the file metadata in the backpack's schema, read as the server's superuser. */
  static List<String> storedIds() {
    try (java.sql.Connection c = TestBackends.superuser();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT id FROM \"" + SCHEMA + "\".files")) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path dir() {
    return TestBackends.dir().resolve(NAME);
  }

  static List<String> onDisk() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".backpack-files")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> inDatabase() {
    return new HashSet<>(storedIds());
  }

  /** No unfinished upload on disk, and disk and database name exactly the same files. */
  static void assertConsistent() {
    long deadline = System.currentTimeMillis() + 15_000;
    while (onDisk().stream().anyMatch(n -> n.endsWith(".tmp")) && System.currentTimeMillis() < deadline) {
      sleep(100);
    }
    assertEquals(new HashSet<>(onDisk()), inDatabase(), "the files directory and the database agree");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  JsonObject uploaded(User user, String filename, String type, byte[] data, String... fields) {
    Reply reply = Multipart.upload(user.api(), filename, type, data, fields);
    assertEquals(201, reply.status(), reply::body);
    return reply.json();
  }

  Downloaded download(String id, String... headers) {
    return Multipart.download(api.base() + "/api/files/" + id, headers);
  }

  static String[] with(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void binaryContentRoundTripsExactly() throws IOException {
    User ann = register();
    byte[] data = random((int) (3 * MIB + 123), 1);
    Reply created = Multipart.upload(ann.api(), "holiday.bin", "application/octet-stream", data);
    assertEquals(201, created.status(), created::body);
    JsonObject meta = created.json();
    String id = meta.getString("id");
    assertTrue(id.matches("[0-9a-f]{32}"), id);
    assertEquals("holiday.bin", meta.getString("name"));
    assertEquals(data.length, meta.getJsonNumber("size").longValue());
    assertEquals("application/octet-stream", meta.getString("contentType"));
    assertEquals(sha256(data), meta.getString("sha256"));
    assertEquals(ann.id(), meta.getString("owner"));
    assertFalse(meta.getBoolean("public"));
    assertTrue(Instant.parse(meta.getString("createdAt")).isAfter(Instant.now().minusSeconds(60)));
    assertEquals("/" + NAME + "/api/files/" + id, meta.getString("url"));
    assertTrue(created.header("Location").endsWith("/" + NAME + "/api/files/" + id));

    Downloaded got = download(id, ann.bearer());
    assertEquals(200, got.status());
    assertEquals(sha256(data), got.sha256());
    assertEquals(data.length, got.length());
    assertEquals(Long.toString(data.length), got.header("Content-Length"));
    assertNull(got.header("Transfer-Encoding"));
    assertEquals("\"" + sha256(data) + "\"", got.header("ETag"));
    assertEquals("application/octet-stream", got.header("Content-Type"));
    assertEquals("nosniff", got.header("X-Content-Type-Options"));
    assertEquals("bytes", got.header("Accept-Ranges"));
    assertEquals("private, no-cache", got.header("Cache-Control"));
    assertEquals(
        "attachment; filename=\"holiday.bin\"; filename*=UTF-8''holiday.bin",
        got.header("Content-Disposition"));

    assertEquals(meta, ann.api().get("/api/files/" + id + "/meta").json());
    assertArrayEquals(data, Files.readAllBytes(dir().resolve(id)), "stored under its id, byte for byte");
    assertTrue(
        ann.api().get("/api/files").json().getJsonArray("items").stream()
            .anyMatch(v -> v.asJsonObject().getString("id").equals(id)));
    assertConsistent();
  }

  @Test
  void emptyFilesWork() {
    User ann = register();
    JsonObject meta = uploaded(ann, "empty.txt", "text/plain", new byte[0]);
    assertEquals(0, meta.getInt("size"));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", meta.getString("sha256"));
    Downloaded got = download(meta.getString("id"), ann.bearer());
    assertEquals(200, got.status());
    assertEquals(0, got.length());
    assertEquals("0", got.header("Content-Length"));
    Reply range = ann.api().get("/api/files/" + meta.getString("id"), "Range", "bytes=0-");
    range.problem(416);
    assertEquals("bytes */0", range.header("Content-Range"));
  }

  @Test
  void rangesConditionalsAndHead() {
    User ann = register();
    byte[] data = random(1000, 2);
    JsonObject meta = uploaded(ann, "r.bin", null, data);
    String id = meta.getString("id");
    String etag = "\"" + sha256(data) + "\"";
    String[][] ranges = {
      {"bytes=0-9", "0", "9"},
      {"bytes=10-19", "10", "19"},
      {"bytes=990-", "990", "999"},
      {"bytes=-5", "995", "999"},
      {"bytes=995-5000", "995", "999"},
    };
    for (String[] r : ranges) {
      Reply part = ann.api().get("/api/files/" + id, "Range", r[0]);
      assertEquals(206, part.status(), r[0]);
      int first = Integer.parseInt(r[1]);
      int last = Integer.parseInt(r[2]);
      assertEquals("bytes " + first + "-" + last + "/1000", part.header("Content-Range"), r[0]);
      assertEquals(Integer.toString(last - first + 1), part.header("Content-Length"), r[0]);
      byte[] expected = java.util.Arrays.copyOfRange(data, first, last + 1);
      assertEquals(sha256(expected), Multipart.download(api.base() + "/api/files/" + id, with(ann.bearer(), "Range", r[0])).sha256(), r[0]);
    }
    Reply outside = ann.api().get("/api/files/" + id, "Range", "bytes=1000-");
    outside.problem(416);
    assertEquals("bytes */1000", outside.header("Content-Range"));
    assertEquals(200, ann.api().get("/api/files/" + id, "Range", "bytes=0-1,5-6").status(), "several ranges: the whole file");
    assertEquals(200, ann.api().get("/api/files/" + id, "Range", "bytes=0-1", "If-Range", "\"old\"").status());
    assertEquals(206, ann.api().get("/api/files/" + id, "Range", "bytes=0-1", "If-Range", etag).status());

    Reply notModified = ann.api().get("/api/files/" + id, "If-None-Match", etag);
    assertEquals(304, notModified.status());
    assertEquals(etag, notModified.header("ETag"));
    assertEquals("", notModified.body());
    assertEquals(304, ann.api().get("/api/files/" + id, "If-None-Match", "\"x\", W/" + etag).status());
    assertEquals(200, ann.api().get("/api/files/" + id, "If-None-Match", "\"other\"").status());

    Reply head = ann.api().send("HEAD", "/api/files/" + id, null, null);
    assertEquals(200, head.status());
    assertEquals("1000", head.header("Content-Length"));
    assertEquals(etag, head.header("ETag"));
    assertEquals("", head.body());
  }

  @Test
  void theStoredTypeFollowsTheBytesAndScriptableTypesAreAttachments() {
    User ann = register();
    byte[] png = new byte[64];
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(signature, 0, png, 0, signature.length);
    byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
    byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
    byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
    Object[][] cases = {
      // bytes, claimed type, stored type, disposition
      {png, "text/html", "image/png", "inline"},
      {png, null, "image/png", "inline"},
      {html, "text/html", "text/html", "attachment"},
      {html, "image/png", "application/octet-stream", "attachment"},
      {svg, "image/svg+xml", "image/svg+xml", "attachment"},
      {pdf, "application/pdf", "application/pdf", "inline"},
      {"just text".getBytes(StandardCharsets.UTF_8), "application/pdf", "application/octet-stream", "attachment"},
      {"just text".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", "text/plain; charset=utf-8", "inline"},
      {"alert(1)".getBytes(StandardCharsets.UTF_8), "text/javascript", "text/javascript", "attachment"},
    };
    for (Object[] c : cases) {
      JsonObject meta = uploaded(ann, "f", (String) c[1], (byte[]) c[0], "public", "true");
      assertEquals(c[2], meta.getString("contentType"), () -> "claimed " + c[1]);
      Downloaded got = download(meta.getString("id"));
      assertEquals(200, got.status());
      assertEquals(c[2], got.header("Content-Type").replace(";charset", "; charset"), () -> "claimed " + c[1]);
      assertTrue(got.header("Content-Disposition").startsWith(c[3] + ";"), () -> c[2] + ": " + got.header("Content-Disposition"));
      assertEquals("nosniff", got.header("X-Content-Type-Options"));
    }
  }

  @Test
  void privateFilesAreOnlyTheOwnersPublicFilesAnyones() {
    User ann = register();
    User bob = register();
    byte[] secret = "ann's diary".getBytes(StandardCharsets.UTF_8);
    String hidden = uploaded(ann, "diary.txt", "text/plain", secret).getString("id");
    String shared = uploaded(ann, "poster.txt", "text/plain", "for everyone".getBytes(StandardCharsets.UTF_8), "public", "true").getString("id");

    for (Api stranger : List.of(bob.api(), api)) {
      Reply bytes = stranger.get("/api/files/" + hidden);
      bytes.problem(404);
      assertFalse(bytes.body().contains("diary"));
      stranger.get("/api/files/" + hidden + "/meta").problem(404);
      assertEquals(200, stranger.get("/api/files/" + shared).status());
      assertEquals("for everyone", stranger.get("/api/files/" + shared).body());
      assertTrue(stranger.get("/api/files/" + shared + "/meta").json().getBoolean("public"));
    }
    bob.api().delete("/api/files/" + hidden).problem(404);
    bob.api().delete("/api/files/" + shared).problem(403);
    api.delete("/api/files/" + shared).problem(401);
    api.get("/api/files").problem(401);
    api.send("POST", "/api/files", new Multipart().contentType(), "x").problem(401);
    assertEquals("ann's diary", admin.get("/api/files/" + hidden).body(), "the admin key reads any file");
    assertEquals("public, max-age=3600", api.get("/api/files/" + shared).header("Cache-Control"));

    assertEquals(204, ann.api().delete("/api/files/" + hidden).status());
    ann.api().get("/api/files/" + hidden).problem(404);
    ann.api().delete("/api/files/" + hidden).problem(404);
    assertFalse(Files.exists(dir().resolve(hidden)), "the bytes are gone too");
    assertEquals(204, admin.delete("/api/files/" + shared).status(), "the admin key deletes any file");
    assertConsistent();
  }

  @Test
  void listsPageThroughTheCallersOwnFilesNewestFirst() {
    User ann = register();
    User bob = register();
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(uploaded(ann, "n" + i + ".txt", "text/plain", new byte[] {(byte) i}).getString("id"));
      sleep(2);
    }
    uploaded(bob, "bob.txt", "text/plain", new byte[] {1});
    List<String> listed = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 10; page++) {
      Reply reply = ann.api().get("/api/files?limit=2" + (after == null ? "" : "&after=" + after));
      assertEquals(200, reply.status(), reply::body);
      JsonObject json = reply.json();
      assertTrue(json.getJsonArray("items").size() <= 2);
      json.getJsonArray("items").forEach(v -> listed.add(v.asJsonObject().getString("id")));
      json.getJsonArray("items").forEach(v -> assertEquals(ann.id(), v.asJsonObject().getString("owner")));
      if (json.get("next").getValueType() == JsonValue.ValueType.NULL) {
        break;
      }
      after = json.getString("next");
    }
    List<String> newestFirst = new ArrayList<>(mine);
    java.util.Collections.reverse(newestFirst);
    assertEquals(newestFirst, listed);
    ann.api().get("/api/files?limit=0").problem(400);
    ann.api().get("/api/files?limit=1001").problem(400);
    ann.api().get("/api/files?after=" + Api.enc("{\"$gt\":\"\"}")).problem(400);
  }

  @Test
  void theAdminListsAndDeletesEveryonesFiles() {
    User ann = register();
    User bob = register();
    String annsFile = uploaded(ann, "a.txt", "text/plain", new byte[] {1}).getString("id");
    String bobsFile = uploaded(bob, "b.txt", "text/plain", new byte[] {2}).getString("id");
    api.get("/api/admin/files").problem(401);
    ann.api().get("/api/admin/files").problem(401);
    api.delete("/api/admin/files/" + annsFile, "X-Backpack-Admin-Key", "wrong").problem(401);

    Set<String> all = new HashSet<>();
    admin.get("/api/admin/files?limit=1000").json().getJsonArray("items").forEach(v -> all.add(v.asJsonObject().getString("id")));
    assertTrue(all.containsAll(Set.of(annsFile, bobsFile)));
    JsonObject onlyBob = admin.get("/api/admin/files?owner=" + bob.id()).json();
    assertEquals(1, onlyBob.getJsonArray("items").size());
    assertEquals(bobsFile, onlyBob.getJsonArray("items").getJsonObject(0).getString("id"));

    assertEquals(
        usedBytes(),
        admin.get("/api/admin/stats").json().getJsonObject("storage").getJsonNumber("filesBytes").longValue(),
        "the admin stats count the bytes of all files");

    assertEquals(204, admin.delete("/api/admin/files/" + bobsFile).status());
    admin.delete("/api/admin/files/" + bobsFile).problem(404);
    bob.api().get("/api/files/" + bobsFile).problem(404);
    assertEquals(200, ann.api().get("/api/files/" + annsFile).status());
    assertConsistent();
  }

  @Test
  void deletingAUserDeletesTheirFiles() {
    User leaver = register();
    User stayer = register();
    String gone1 = uploaded(leaver, "1.txt", "text/plain", new byte[] {1}).getString("id");
    String gone2 = uploaded(leaver, "2.txt", "text/plain", new byte[] {2}, "public", "true").getString("id");
    String kept = uploaded(stayer, "3.txt", "text/plain", new byte[] {3}).getString("id");
    assertEquals(204, admin.delete("/api/admin/users/" + leaver.id()).status());
    admin.get("/api/files/" + gone1).problem(404);
    api.get("/api/files/" + gone2).problem(404);
    assertEquals(0, admin.get("/api/admin/files?owner=" + leaver.id()).json().getJsonArray("items").size());
    assertFalse(Files.exists(dir().resolve(gone1)));
    assertFalse(Files.exists(dir().resolve(gone2)));
    assertEquals(200, stayer.api().get("/api/files/" + kept).status());
    assertConsistent();
  }

  @Test
  void hostileNamesAreOnlyEverMetadata() throws IOException {
    User ann = register();
    String[][] names = {
      // filename sent, name field sent (or null), stored name
      {"../../etc/passwd", null, "passwd"},
      {"/etc/passwd", null, "passwd"},
      {"..\\..\\windows\\win.ini", null, "win.ini"},
      {"..", null, "file"},
      {"x.txt", "../../../../tmp/evil.sh", "evil.sh"},
      {"x.txt", "/" + NAME + "/upload-1.tmp", "upload-1.tmp"},
      {"a\u0000b.txt", null, "a_b.txt"},
      {"x.txt", "line\r\nbreak\u0007.txt", "line__break_.txt"},
      {"invoice\u202Efdp.exe", null, "invoicefdp.exe"},
      {"Grüße aus Köln 日本 😀.txt", null, "Grüße aus Köln 日本 😀.txt"},
      {"x.txt", "%2e%2e%2fetc%2fpasswd", "%2e%2e%2fetc%2fpasswd"},
      {"say \"hi\".txt", null, "say \"hi\".txt"},
    };
    for (String[] n : names) {
      JsonObject meta =
          n[1] == null
              ? uploaded(ann, n[0], "text/plain", "x".getBytes(StandardCharsets.UTF_8))
              : uploaded(ann, n[0], "text/plain", "x".getBytes(StandardCharsets.UTF_8), "name", n[1]);
      assertEquals(n[2], meta.getString("name"), n[0] + " / " + n[1]);
      Reply got = ann.api().get("/api/files/" + meta.getString("id"));
      String disposition = got.header("Content-Disposition");
      String encoded = disposition.substring(disposition.indexOf("UTF-8''") + 7);
      assertEquals(n[2], URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
      assertTrue(disposition.chars().allMatch(c -> c >= 0x20 && c < 0x7F), disposition);
    }
    String thousand = "é".repeat(1000) + ".png";
    JsonObject longName = uploaded(ann, thousand, "text/plain", new byte[] {1});
    assertTrue(longName.getString("name").getBytes(StandardCharsets.UTF_8).length <= 255);
    assertTrue(longName.getString("name").endsWith(".png"));

    assertTrue(onDisk().stream().allMatch(f -> f.matches("[0-9a-f]{32}")), "only ids on disk: " + onDisk());
    try (Stream<Path> everything = Files.walk(TestBackends.dir())) {
      List<String> escaped =
          everything
              .map(p -> p.getFileName().toString())
              .filter(f -> Set.of("passwd", "evil.sh", "win.ini", "upload-1.tmp").contains(f))
              .collect(Collectors.toList());
      assertEquals(List.of(), escaped, "no client name ever became a path");
    }
    assertConsistent();
  }

  @Test
  void idsAndPathsThatAreNotThisBackpacksFilesAreNotFound() throws IOException {
    // a second backpack's file: its own directory and database, with a public file
    String otherDir = "other-backpack";
    String id = "0190f0a0b0c0d0e0f0a0b0c0d0e0f0a0";
    Files.createDirectories(TestBackends.dir().resolve(otherDir));
    Files.writeString(TestBackends.dir().resolve(otherDir).resolve(id), "SECRET OF ANOTHER BACKPACK");
    TestBackends.postgres(OTHER_SCHEMA);
    try (java.sql.Connection c = TestBackends.superuser();
        java.sql.Statement st = c.createStatement()) {
      st.execute("SET search_path TO \"" + OTHER_SCHEMA + "\"");
      st.execute(
          "CREATE TABLE IF NOT EXISTS files (id text PRIMARY KEY, name text, size bigint, content_type text,"
              + " sha256 text, owner text, public boolean, created_at timestamptz)");
      st.execute(
          "INSERT INTO files VALUES ('" + id + "', 's.txt', 26, 'text/plain', 'x', 'someone', true, now())");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    String[] paths = {
      "/api/files/" + id,
      "/api/files/" + id + "/meta",
      "/api/files/..%2F" + otherDir + "%2F" + id,
      "/api/files/..%2F..%2F..%2F" + otherDir + "%2F" + id,
      "/api/files/%2e%2e%2f%2e%2e%2f%2e%2e%2f" + otherDir + "%2f" + id,
      "/api/files/../../../" + otherDir + "/" + id,
      "/api/files/..%5C..%5C..%5C" + otherDir + "%5C" + id,
      "/api/files/" + id.toUpperCase(),
      "/api/files/" + id + "%00",
      "/api/files/.backpack-files",
      "/api/files/upload-1.tmp",
      "/api/files/" + "a".repeat(2000),
      "/api/files/%2Fetc%2Fpasswd",
    };
    for (String path : paths) {
      for (Api who : List.of(api, admin)) {
        Reply reply = who.get(path);
        assertTrue(reply.status() == 404 || reply.status() == 400, path + " → " + reply.status());
        assertFalse(reply.body().contains("SECRET"), path);
        assertFalse(reply.body().contains("root:"), path);
      }
    }
    api.get("/api/files/" + id).problem(404);
    admin.get("/api/files/" + id).problem(404);
    admin.delete("/api/admin/files/" + id).problem(404);
    assertTrue(Files.exists(TestBackends.dir().resolve(otherDir).resolve(id)), "untouched");
  }

  @Test
  void aDeclaredOversizeIsRefusedBeforeTheBodyIsRead() throws Exception {
    User ann = register();
    Set<String> before = inDatabase();
    Multipart form = new Multipart().file("huge.bin", "application/octet-stream");
    long size = 30 * MIB;
    try (RawHttp http = new RawHttp(api.base())) {
      http.head(
          "POST", "/api/files",
          "Content-Type", form.contentType(),
          "Content-Length", Long.toString(form.prefix().length + size + form.suffix().length),
          "Authorization", "Bearer " + ann.token());
      http.write(form.prefix());
      http.write(random((int) MIB, 3));
      RawHttp.Answer answer = http.answer();
      assertEquals(413, answer.status(), answer.body());
      assertTrue(answer.headers().get("content-type").startsWith("application/problem+json"));
      assertTrue(answer.body().contains("25 MiB"), answer.body());
      assertTrue(http.sent.get() < 2 * MIB, "answered after " + http.sent.get() + " bytes of " + size);
    }
    assertEquals(before, inDatabase());
    assertConsistent();
  }

  @Test
  void expectContinueGetsTheBodyOnlyWhenItIsWanted() throws Exception {
    User ann = register();
    Multipart form = new Multipart().file("curl.bin", "application/octet-stream");
    byte[] data = random(100_000, 6);
    byte[] body = form.body(data);
    try (RawHttp http = new RawHttp(api.base())) {
      http.head(
          "POST", "/api/files",
          "Content-Type", form.contentType(),
          "Content-Length", Integer.toString(body.length),
          "Expect", "100-continue",
          "Authorization", "Bearer " + ann.token());
      assertEquals(100, http.answer().status());
      http.write(body);
      RawHttp.Answer created = http.answer();
      assertEquals(201, created.status(), created.body());
      assertTrue(created.body().contains(sha256(data)));
    }
    try (RawHttp http = new RawHttp(api.base())) {
      http.head(
          "POST", "/api/files",
          "Content-Type", form.contentType(),
          "Content-Length", Long.toString(100 * MIB),
          "Expect", "100-continue",
          "Authorization", "Bearer " + ann.token());
      // Payara itself sends 100 Continue before the application sees the request; the 413
      // follows at once, without a byte of the body having been sent
      RawHttp.Answer refused = http.answer();
      if (refused.status() == 100) {
        refused = http.answer();
      }
      assertEquals(413, refused.status(), "refused without reading the body");
      assertTrue(refused.headers().get("content-type").startsWith("application/problem+json"));
    }
    assertConsistent();
  }

  @Test
  void aStreamedOversizeIsCutOffAtTheLimit() throws Exception {
    User ann = register();
    Set<String> before = inDatabase();
    Multipart form = new Multipart().file("endless.bin", "application/octet-stream");
    long total = 64 * MIB;
    try (RawHttp http = new RawHttp(api.base())) {
      http.head(
          "POST", "/api/files",
          "Content-Type", form.contentType(),
          "Transfer-Encoding", "chunked",
          "Authorization", "Bearer " + ann.token());
      Thread sender =
          new Thread(
              () -> {
                try {
                  http.chunk(form.prefix());
                  byte[] piece = random(256 * 1024, 4);
                  for (long s = 0; s < total; s += piece.length) {
                    http.chunk(piece);
                  }
                  http.chunk(form.suffix());
                  http.chunk(new byte[0]);
                } catch (IOException expected) {
                  // the server stopped reading: that is the point
                }
              });
      sender.start();
      RawHttp.Answer answer = http.answer();
      long sentWhenAnswered = http.sent.get();
      assertEquals(413, answer.status(), answer.body());
      assertTrue(sentWhenAnswered >= 25 * MIB, "read up to the limit: " + sentWhenAnswered);
      assertTrue(sentWhenAnswered < total, "answered before the end: " + sentWhenAnswered);
      http.reset();
      sender.join(30_000);
    }
    assertEquals(before, inDatabase());
    assertConsistent();
  }

  @Test
  void theQuotaAnswers507AndFreesUpOnDelete() {
    User ann = register();
    List<String> filled = new ArrayList<>();
    long used = usedBytes();
    while (QUOTA - used > 20 * MIB) {
      filled.add(uploaded(ann, "fill.bin", null, new byte[(int) (20 * MIB)]).getString("id"));
      used = usedBytes();
    }
    long left = QUOTA - used;
    Reply over = Multipart.upload(ann.api(), "over.bin", null, new byte[(int) left + 1]);
    JsonObject problem = over.problem(507);
    assertEquals("urn:backpack:problem:insufficient-storage", problem.getString("type"));
    assertTrue(problem.getString("detail").contains("quota"), problem.getString("detail"));
    filled.add(uploaded(ann, "exact.bin", null, new byte[(int) left]).getString("id"));
    Multipart.upload(ann.api(), "one.bin", null, new byte[1]).problem(507);
    assertConsistent();
    for (String id : filled) {
      assertEquals(204, ann.api().delete("/api/files/" + id).status());
    }
    String one = uploaded(ann, "one.bin", null, new byte[1]).getString("id");
    assertEquals(204, ann.api().delete("/api/files/" + one).status());
    assertConsistent();
  }

  long usedBytes() {
    long sum = 0;
    for (JsonValue v : admin.get("/api/admin/files?limit=1000").json().getJsonArray("items")) {
      sum += v.asJsonObject().getJsonNumber("size").longValue();
    }
    return sum;
  }

  @Test
  void concurrentUploadsAllLandIntact() throws Exception {
    User ann = register();
    User bob = register();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String[]>> uploads = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        int n = i;
        User who = i % 2 == 0 ? ann : bob;
        uploads.add(
            pool.submit(
                () -> {
                  byte[] data = random((int) MIB + n, 100 + n);
                  Reply reply = Multipart.upload(who.api(), "c" + n + ".bin", null, data);
                  assertEquals(201, reply.status(), reply::body);
                  return new String[] {reply.json().getString("id"), sha256(data), who.token()};
                }));
      }
      Set<String> ids = new HashSet<>();
      for (Future<String[]> upload : uploads) {
        String[] done = upload.get();
        ids.add(done[0]);
        assertEquals(done[1], download(done[0], "Authorization", "Bearer " + done[2]).sha256());
      }
      assertEquals(16, ids.size());
      assertConsistent();
      for (Future<String[]> upload : uploads) {
        String[] done = upload.get();
        assertEquals(204, admin.delete("/api/admin/files/" + done[0]).status());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUploadAbortedMidwayLeavesNothing() throws Exception {
    User ann = register();
    Set<String> before = inDatabase();
    Multipart form = new Multipart().file("aborted.bin", "application/octet-stream");
    long size = 10 * MIB;
    try (RawHttp http = new RawHttp(api.base())) {
      http.head(
          "POST", "/api/files",
          "Content-Type", form.contentType(),
          "Content-Length", Long.toString(form.prefix().length + size + form.suffix().length),
          "Authorization", "Bearer " + ann.token());
      http.write(form.prefix());
      http.write(random((int) (3 * MIB), 5));
      long deadline = System.currentTimeMillis() + 15_000;
      long onDiskSoFar = 0;
      while (onDiskSoFar < 2 * MIB && System.currentTimeMillis() < deadline) {
        onDiskSoFar = temporaryBytes();
        sleep(50);
      }
      assertTrue(onDiskSoFar >= 2 * MIB, "the upload is written to disk as it arrives: " + onDiskSoFar);
      http.reset();
    }
    assertConsistent();
    assertEquals(before, inDatabase());
    assertEquals(0, temporaryBytes());
  }

  static long temporaryBytes() {
    long bytes = 0;
    for (String name : onDisk()) {
      if (name.endsWith(".tmp")) {
        try {
          bytes += Files.size(dir().resolve(name));
        } catch (IOException gone) {
          // finished or removed meanwhile
        }
      }
    }
    return bytes;
  }

  @Test
  void malformedUploadsAreRefusedAndLeaveNothing() {
    User ann = register();
    Set<String> before = inDatabase();
    Multipart good = new Multipart().file("a.txt", "text/plain");
    String goodType = good.contentType();
    Multipart twoFiles = new Multipart().file("a.txt", "text/plain");
    byte[] twoFilesBody = twoFiles.body(("x\r\n--" + twoFiles.boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\ny").getBytes(StandardCharsets.UTF_8));
    byte[] truncated = java.util.Arrays.copyOf(good.body("hello".getBytes(StandardCharsets.UTF_8)), good.prefix().length + 3);
    Multipart unknown = new Multipart().field("owner", "bob").file("a", null);
    Multipart noFile = new Multipart().field("name", "x");
    Object[][] cases = {
      {"text/plain", "just text".getBytes(StandardCharsets.UTF_8), 415},
      {"application/json", "{}".getBytes(StandardCharsets.UTF_8), 415},
      {null, "x".getBytes(StandardCharsets.UTF_8), 415},
      {"multipart/form-data", good.body(new byte[] {1}), 400},
      {noFile.contentType(), noFile.body(new byte[0]), 400},
      {unknown.contentType(), unknown.body(new byte[] {1}), 400},
      {goodType, truncated, 400},
      {twoFiles.contentType(), twoFilesBody, 400},
      {goodType, "garbage without any boundary".getBytes(StandardCharsets.UTF_8), 400},
    };
    for (Object[] c : cases) {
      Reply reply = ann.api().sendBytes("POST", "/api/files", (String) c[0], (byte[]) c[1]);
      reply.problem((Integer) c[2]);
    }
    Multipart.upload(ann.api(), "a.txt", "text/plain", new byte[] {1}, "public", "maybe").problem(400);
    Multipart.upload(ann.api(), "a.txt", "text/plain", new byte[] {1}, "name", "x".repeat(9000)).problem(400);
    assertEquals(before, inDatabase());
    assertConsistent();
  }
}
