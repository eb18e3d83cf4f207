package dev.backpack.servertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A full GlassFish 7 (not Payara), one domain start for everything:
 *
 * <ol>
 *   <li>(orders 1-9) the built core-war deployed on its own with {@code asadmin deploy},
 *       configured from outside the WAR with {@code asadmin create-system-properties} (read
 *       through GlassFish's own MicroProfile Config): proof that core-war is a standard Jakarta EE
 *       10 WAR. GlassFish has no MicroProfile Health: the readiness check must be left out quietly.
 *   <li>(orders 20-29) the platform EAR, as on Payara Server ({@link PlatformEarChecks}): the
 *       in-process driver deploys backpacks through the same GlassFish deployment API.
 * </ol>
 */
class GlassFishIT extends PlatformEarChecks {

  static final String NAME = "gf-demo";
  static final String ADMIN_KEY = "gf-admin-key-0123456789abcdef";

  Path work;
  Backends backends;
  AppServer glassfish;
  Http api;

  @BeforeAll
  void deploy() {
    work = Path.of(System.getProperty("servers.work")).resolve("glassfish-data");
    backends = Backends.start(work);
    glassfish = AppServer.prepare(AppServer.Kind.GLASSFISH, "glassfish").start();

    // core-war alone: its settings as server-wide system properties (one backpack per server)
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.name", NAME);
    // the postgres engine in a schema of its own; the platform's role here, as a team running a
    // single core-war would use a role it made for it
    settings.put("backpack.postgres.url", backends.postgres.jdbcUrl());
    settings.put("backpack.postgres.user", backends.postgres.user());
    settings.put("backpack.postgres.password", backends.postgres.password());
    settings.put("backpack.postgres.schema", "gf_demo");
    settings.put("backpack.redis.uri", backends.redis.uri());
    settings.put("backpack.redis.prefix", "bp:gf-demo:");
    settings.put("backpack.files.dir", work.resolve("gf-demo-files").toString());
    settings.put("backpack.admin.key", ADMIN_KEY);
    glassfish.asadmin("create-system-properties", Asadmin.properties(settings));
    glassfish.deploy(Path.of(System.getProperty("backpack.core-war")), NAME, NAME);
    api = new Http(glassfish.baseUrl() + "/" + NAME);

    // and the platform next to it (the backpacks it deploys override those settings with their own)
    deployPlatform(glassfish, backends, work);
  }

  @AfterAll
  void stop() {
    try {
      if (glassfish != null) {
        glassfish.close();
      }
    } finally {
      if (backends != null) {
        backends.close();
      }
    }
  }

  @Test
  @Order(1)
  void everyListenerIsOnLoopback() {
    assertTrue(glassfish.listeners().size() >= 3, () -> "listeners " + glassfish.listeners());
    assertEquals(java.util.List.of(), glassfish.nonLoopbackListeners());
  }

  @Test
  @Order(2)
  void healthAndSettingsFromTheServer() {
    Http.Reply health = api.get("/api/health");
    assertEquals(200, health.status(), health::toString);
    assertEquals("UP", health.json().getString("status"));
    // backpack.name came from a server system property through MicroProfile Config
    assertEquals(NAME, api.get("/api/info").json().getString("name"));
  }

  @Test
  @Order(3)
  void registerThenCreateAndReadARecord() {
    Http.Reply registered =
        api.post("/api/auth/register", "{\"email\":\"ann@example.com\",\"password\":\"correct horse\"}");
    assertEquals(201, registered.status(), registered::toString);
    String token = registered.json().getString("token");
    assertTrue(
        registered.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("bp_session=") && c.contains("HttpOnly")),
        () -> "cookies " + registered.headers("Set-Cookie"));
    Http ann = api.bearer(token);
    assertEquals("ann@example.com", ann.get("/api/auth/me").json().getJsonObject("user").getString("email"));

    Http.Reply created = ann.post("/api/collections/todos/records", "{\"title\":\"buy milk\",\"done\":false}");
    assertEquals(201, created.status(), created::toString);
    String location = created.header("Location");
    assertNotNull(location);
    String id = created.json().getString("id");
    assertTrue(location.endsWith("/api/collections/todos/records/" + id), location);

    Http.Reply read = ann.get("/api/collections/todos/records/" + id);
    assertEquals(200, read.status(), read::toString);
    assertEquals("buy milk", read.json().getString("title"));
    assertNotNull(read.header("ETag"));

    String filter = URLEncoder.encode("{\"done\":false}", StandardCharsets.UTF_8);
    JsonObject list = ann.get("/api/collections/todos/records?filter=" + filter + "&count=true").json();
    assertEquals(1, list.getInt("total"));

    // the admin key, also set from outside, opens the admin API
    JsonObject stats = api.with("X-Backpack-Admin-Key", ADMIN_KEY).get("/api/admin/stats").json();
    assertEquals(1, stats.getInt("users"));
    assertEquals(401, api.with("X-Backpack-Admin-Key", "wrong").get("/api/admin/stats").status());
  }

  @Test
  @Order(4)
  void errorsAreProblemJsonNotGlassFishPages() {
    Http.Reply unknown = api.get("/api/no-such-route");
    assertEquals(404, unknown.status());
    assertTrue(unknown.header("Content-Type").startsWith("application/problem+json"), unknown::toString);
    Http.Reply malformed = api.post("/api/auth/register", "{\"email\":");
    assertEquals(400, malformed.status());
    assertTrue(malformed.header("Content-Type").startsWith("application/problem+json"), malformed::toString);
    Http.Reply outsideApi = api.get("/nothing-here");
    assertEquals(404, outsideApi.status());
    assertFalse(outsideApi.body().contains("GlassFish"), outsideApi::toString);
  }

  @Test
  @Order(5)
  void fileUploadAndDownload() throws Exception {
    Http bob = signUp("bob@example.com").http();
    byte[] bytes = "hello from GlassFish\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    Http.Reply uploaded = bob.upload("/api/files", "hello.txt", "text/plain", bytes);
    assertEquals(201, uploaded.status(), uploaded::toString);
    JsonObject meta = uploaded.json();
    assertEquals(bytes.length, meta.getInt("size"));
    Http.Reply download = bob.get("/api/files/" + meta.getString("id"));
    assertEquals(200, download.status());
    assertEquals(new String(bytes, StandardCharsets.UTF_8), download.body());
    assertTrue(Files.isDirectory(work.resolve("gf-demo-files")));
  }

  @Test
  @Order(6)
  void realtimeChangesReachASubscriber() {
    User carl = signUp("carl@example.com");
    // the collection exists before anyone subscribes to it
    carl.http().post("/api/collections/notes/records", "{\"text\":\"before\"}");
    URI uri = URI.create("ws://127.0.0.1:" + glassfish.httpPort() + "/" + NAME + "/api/realtime");
    try (Ws ws = Ws.connect(uri)) {
      ws.send("{\"type\":\"auth\",\"id\":\"a\",\"token\":\"" + carl.token() + "\"}");
      assertEquals("ack", ws.answerTo("a").getString("type"));
      ws.send("{\"type\":\"subscribe\",\"id\":\"s\",\"collection\":\"notes\"}");
      JsonObject ack = ws.answerTo("s");
      assertEquals("ack", ack.getString("type"), ack::toString);
      carl.http().post("/api/collections/notes/records", "{\"text\":\"live\"}");
      JsonObject change = ws.next(f -> "change".equals(f.getString("type")));
      assertEquals("create", change.getString("op"));
      assertEquals("live", change.getJsonObject("record").getString("text"));
      ws.send("{\"type\":\"ping\",\"id\":\"p\"}");
      assertEquals("pong", ws.answerTo("p").getString("type"));
    }
  }

  @Test
  @Order(7)
  void withoutMicroProfileHealthTheReadinessCheckIsLeftOutQuietly() {
    assertEquals(404, new Http(glassfish.baseUrl()).get("/health/ready").status(), "GlassFish has no MP Health");
    String log = glassfish.serverLog();
    assertFalse(log.contains("AS-CDI-00005"), "a bean class failed to load");
    assertFalse(log.contains("BackpackReadiness"), "the readiness check was touched");
    assertFalse(log.contains("NoClassDefFoundError"), "a class is missing");
  }

  @Test
  @Order(8)
  void undeployedItAnswersNoMore() {
    glassfish.undeploy(NAME);
    assertEquals(404, new Http(glassfish.baseUrl()).get("/" + NAME + "/api/health").status());
  }

  record User(Http http, String token) {}

  private User signUp(String email) {
    Http.Reply registered =
        api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
    assertEquals(201, registered.status(), registered::toString);
    String token = registered.json().getString("token");
    return new User(api.bearer(token), token);
  }
}
