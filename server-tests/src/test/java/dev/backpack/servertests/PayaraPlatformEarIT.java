package dev.backpack.servertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.EmbeddedPostgres;
import dev.backpack.embedded.EmbeddedRedis;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform EAR on a full Payara Server 6, as a server team runs it: PostgreSQL, MongoDB and
 * Redis are external servers (started by this JVM, never by the launcher), their URIs set from
 * outside with {@code asadmin create-system-properties}, the EAR deployed with {@code asadmin
 * deploy}. Then, over HTTP only: a platform account, a backpack created by the in-process driver
 * (a deployment of core-war in the same server), its API, the server's MicroProfile Health, a
 * deletion, and the platform deployed again bringing its backpacks back.
 *
 * <p>One domain start for the whole class; the checks run in order and build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraPlatformEarIT {

  static final String APP = "backpack-platform";
  static final Duration UP_WITHIN = Duration.ofMinutes(3);

  static EmbeddedMongo mongo;
  static EmbeddedRedis redis;
  static EmbeddedPostgres postgres;
  static AppServer payara;
  static Path ear;
  static Http server;
  static Http owner;
  static String keepUserToken;
  static String keepRecordId;

  @BeforeAll
  static void deploy() {
    Path work = Path.of(System.getProperty("servers.work")).resolve("payara-data");
    AppServer.deleteTree(work);
    mongo = EmbeddedMongo.onDisk(work.resolve("mongo"), 0).start();
    redis = EmbeddedRedis.create(work.resolve("redis"), 0).start();
    postgres = EmbeddedPostgres.start(work.resolve("postgres"), 0);
    payara = AppServer.prepare(AppServer.Kind.PAYARA, "payara").start();
    // the admin app sends X-Requested-With on every write (admin-war's CSRF rule for cookie sessions)
    server = new Http(payara.baseUrl()).with("X-Requested-With", "server-tests");

    // what the README tells a server team to run
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.postgres.url", postgres.jdbcUrl());
    settings.put("backpack.postgres.user", postgres.user());
    settings.put("backpack.mongodb.uri", mongo.connectionString());
    settings.put("backpack.redis.uri", redis.uri());
    // a secret as a password alias rather than in domain.xml; the public URL stands in for the
    // PostgreSQL password here, as the test can see where it ends up (the backpacks' URLs)
    Path aliasValue = work.resolve("alias-password.txt");
    write(aliasValue, "AS_ADMIN_ALIASPASSWORD=" + payara.baseUrl() + "/\n");
    payara.asadmin("--passwordfile", aliasValue.toString(), "create-password-alias", "backpack-public-url");
    settings.put("backpack.public.url", "${ALIAS=backpack-public-url}");
    payara.asadmin("create-system-properties", Asadmin.properties(settings));

    ear = Path.of(System.getProperty("backpack.platform-ear"));
    payara.deploy(ear, null, null);
    awaitPlatformReady();
  }

  @AfterAll
  static void stop() {
    try {
      if (payara != null) {
        payara.close();
      }
    } finally {
      for (AutoCloseable service : new AutoCloseable[] {postgres, redis, mongo}) {
        try {
          if (service != null) {
            service.close();
          }
        } catch (Exception e) {
          System.err.println("could not stop " + service + ": " + e);
        }
      }
    }
  }

  @Test
  @Order(1)
  void deployedUnderItsOwnNameWithEveryListenerOnLoopback() {
    assertTrue(payara.asadmin("list-applications").contains(APP));
    assertEquals(List.of(), payara.nonLoopbackListeners());
  }

  @Test
  @Order(2)
  void signUpAndSignIn() {
    Http.Reply registered = server.post("/admin/api/auth/register", "{\"email\":\"owner@example.com\",\"password\":\"correct horse battery\"}");
    assertEquals(201, registered.status(), registered::toString);
    assertEquals("owner", registered.json().getJsonObject("account").getString("role"));
    Http.Reply login = server.post("/admin/api/auth/login", "{\"email\":\"owner@example.com\",\"password\":\"correct horse battery\"}");
    assertEquals(200, login.status(), login::toString);
    owner = server.bearer(login.json().getString("token"));
    assertEquals("owner@example.com", owner.get("/admin/api/auth/me").json().getJsonObject("account").getString("email"));
  }

  @Test
  @Order(3)
  void createABackpackAndUseItsApi() {
    JsonObject shop = create("shop");
    assertEquals(payara.baseUrl() + "/shop/", shop.getString("url"));

    Http api = new Http(payara.baseUrl() + "/shop");
    assertEquals("UP", api.get("/api/health").json().getString("status"));
    Http.Reply registered = api.post("/api/auth/register", "{\"email\":\"ann@example.com\",\"password\":\"correct horse\"}");
    assertEquals(201, registered.status(), registered::toString);
    Http ann = api.bearer(registered.json().getString("token"));
    Http.Reply created = ann.post("/api/collections/todos/records", "{\"title\":\"buy milk\"}");
    assertEquals(201, created.status(), created::toString);
    Http.Reply read = ann.get("/api/collections/todos/records/" + created.json().getString("id"));
    assertEquals("buy milk", read.json().getString("title"));

    // the platform browses the backpack through its admin API (the admin key never leaves the server)
    JsonObject stats = owner.get("/admin/api/backpacks/shop/stats").json();
    assertEquals(1, stats.getInt("users"), stats::toString);
  }

  @Test
  @Order(4)
  void theServersMicroProfileHealthIncludesTheBackpack() {
    Http.Reply ready = server.get("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    assertTrue(
        ready.json().getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(c -> c.getString("name").equals("backpack-shop") && c.getString("status").equals("UP")),
        ready::toString);
  }

  @Test
  @Order(5)
  void deleteABackpack() {
    JsonObject keep = create("keep");
    Http api = new Http(keep.getString("url").replaceAll("/$", ""));
    Http.Reply registered = api.post("/api/auth/register", "{\"email\":\"bob@example.com\",\"password\":\"correct horse\"}");
    keepUserToken = registered.json().getString("token");
    Http.Reply created = api.bearer(keepUserToken).post("/api/collections/notes/records", "{\"text\":\"survives\"}");
    assertEquals(201, created.status(), created::toString);
    keepRecordId = created.json().getString("id");

    Http.Reply deleting = owner.delete("/admin/api/backpacks/shop");
    assertEquals(202, deleting.status(), deleting::toString);
    awaitStatus("shop", 404);
    assertEquals(404, server.get("/shop/api/health").status());
    assertFalse(payara.asadmin("list-applications").contains("shop"));
  }

  @Test
  @Order(6)
  void redeployTheEarAndTheBackpacksComeBack() {
    payara.asadmin("redeploy", "--name", APP, ear.toAbsolutePath().toString());
    awaitPlatformReady();
    awaitStatus("keep", 200);
    assertBackpackCameBack();
  }

  @Test
  @Order(7)
  void deployTheEarAgainOnAServerWithoutTheBackpacks() {
    // as on a new server: neither the platform nor any backpack deployed, only the data
    payara.undeploy(APP);
    payara.undeploy("keep");
    assertEquals(404, server.get("/keep/api/health").status());
    payara.deploy(ear, null, null);
    awaitPlatformReady();
    assertBackpackCameBack();
    assertEquals(404, server.get("/shop/api/health").status(), "a deleted backpack stays deleted");
  }

  private static void assertBackpackCameBack() {
    awaitStatus("keep", 200);
    Http.Reply login = server.post("/admin/api/auth/login", "{\"email\":\"owner@example.com\",\"password\":\"correct horse battery\"}");
    assertEquals(200, login.status(), login::toString);
    owner = server.bearer(login.json().getString("token"));
    JsonObject keep = awaitUp("keep");
    assertEquals(payara.baseUrl() + "/keep/", keep.getString("url"));
    Http api = new Http(payara.baseUrl() + "/keep").bearer(keepUserToken);
    Http.Reply read = api.get("/api/collections/notes/records/" + keepRecordId);
    assertEquals(200, read.status(), read::toString);
    assertEquals("survives", read.json().getString("text"));
    List<String> names =
        owner.get("/admin/api/backpacks").json().getJsonArray("items").stream()
            .map(v -> v.asJsonObject().getString("name"))
            .toList();
    assertEquals(List.of("keep"), names);
  }

  /** Creates a backpack and waits until the platform reports it up. */
  private static JsonObject create(String name) {
    Http.Reply accepted = owner.post("/admin/api/backpacks", "{\"name\":\"" + name + "\"}");
    assertEquals(202, accepted.status(), accepted::toString);
    return awaitUp(name);
  }

  private static JsonObject awaitUp(String name) {
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      Http.Reply reply = owner.get("/admin/api/backpacks/" + name);
      if (reply.status() == 200) {
        last = reply.json();
        if ("up".equals(last.getString("status"))) {
          return last;
        }
        assertFalse("failed".equals(last.getString("status")), () -> "backpack failed: " + reply + "\n" + payara.serverLogTail(60));
      }
      sleep(500);
    }
    throw new AssertionError(name + " not up within " + UP_WITHIN + ": " + last + "\n" + payara.serverLogTail(80));
  }

  private static void awaitStatus(String name, int status) {
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    Http.Reply last = null;
    while (System.nanoTime() < deadline) {
      last = server.get("/" + name + "/api/health");
      if (status == 404 ? last.status() == 404 : last.status() == status) {
        if (status != 404 || owner.get("/admin/api/backpacks/" + name).status() == 404) {
          return;
        }
      }
      sleep(500);
    }
    throw new AssertionError(name + ": no " + status + " within " + UP_WITHIN + ": " + last + "\n" + payara.serverLogTail(80));
  }

  private static void awaitPlatformReady() {
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    Http.Reply last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = server.get("/admin/api/platform");
        if (last.status() == 200 && last.json().getBoolean("ready")) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not answering yet
      }
      sleep(500);
    }
    throw new AssertionError("platform not ready within " + UP_WITHIN + ": " + last + "\n" + payara.serverLogTail(80));
  }

  private static void write(Path file, String content) {
    try {
      java.nio.file.Files.writeString(file, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
