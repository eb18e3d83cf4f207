package dev.backpack.servertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform EAR as a server team runs it, the same on every server: the URIs of PostgreSQL and
 * Redis set from outside (backpacks keep their data in PostgreSQL, each as a role of its own) ({@code asadmin create-system-properties}, a password alias
 * for a secret), the EAR deployed with {@code asadmin deploy}. Then, over HTTP only: a platform
 * account, a backpack created by the in-process driver (a deployment of core-war in the same
 * server), its API, a deletion, {@code asadmin redeploy}, and the EAR deployed again on a server
 * where no backpack is deployed any more, bringing its backpacks back with their data.
 *
 * <p>A subclass starts the server and calls {@link #deployPlatform}; the checks run in order
 * (20-29), after the subclass's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PlatformEarChecks {

  static final String APP = "backpack-platform";
  static final Duration UP_WITHIN = Duration.ofMinutes(3);
  static final String OWNER = "{\"email\":\"owner@example.com\",\"password\":\"correct horse battery\"}";

  AppServer server;
  Path ear;
  /** Signed out; sends X-Requested-With on every request, as the admin app does (CSRF rule). */
  Http platform;
  Http owner;
  String keepUserToken;
  String keepRecordId;

  /** What the README tells a server team to run, then the deployment. */
  void deployPlatform(AppServer server, Backends backends, Path work) {
    this.server = server;
    this.platform = new Http(server.baseUrl()).with("X-Requested-With", "server-tests");
    Map<String, String> settings = new LinkedHashMap<>();
    // no backpack.mongodb.uri: the in-process driver gives every backpack a role and schema of its
    // own in this PostgreSQL (the postgres engine), made through the platform's role below
    settings.put("backpack.postgres.url", backends.postgres.jdbcUrl());
    settings.put("backpack.postgres.user", backends.postgres.user());
    settings.put("backpack.redis.uri", backends.redis.uri());
    // secrets as password aliases rather than in domain.xml: the PostgreSQL password, and the
    // public URL, which stands in for a secret whose end the test can see (the backpacks' URLs)
    Path postgresAlias = work.resolve("alias-postgres-password.txt");
    write(postgresAlias, "AS_ADMIN_ALIASPASSWORD=" + backends.postgres.password() + "\n");
    server.asadmin("--passwordfile", postgresAlias.toString(), "create-password-alias", "backpack-postgres-password");
    settings.put("backpack.postgres.password", "${ALIAS=backpack-postgres-password}");
    Path aliasValue = work.resolve("alias-password.txt");
    write(aliasValue, "AS_ADMIN_ALIASPASSWORD=" + server.baseUrl() + "/\n");
    server.asadmin("--passwordfile", aliasValue.toString(), "create-password-alias", "backpack-public-url");
    settings.put("backpack.public.url", "${ALIAS=backpack-public-url}");
    server.asadmin("create-system-properties", Asadmin.properties(settings));

    ear = Path.of(System.getProperty("backpack.platform-ear"));
    server.deploy(ear, null, null);
    awaitPlatformReady();
  }

  @Test
  @Order(20)
  void platformDeployedUnderItsApplicationName() {
    assertTrue(server.asadmin("list-applications").contains(APP));
  }

  @Test
  @Order(21)
  void signUpAndSignIn() {
    Http.Reply registered = platform.post("/admin/api/auth/register", OWNER);
    assertEquals(201, registered.status(), registered::toString);
    assertEquals("owner", registered.json().getJsonObject("account").getString("role"));
    signIn();
    assertEquals("owner@example.com", owner.get("/admin/api/auth/me").json().getJsonObject("account").getString("email"));
  }

  @Test
  @Order(22)
  void createABackpackAndUseItsApi() {
    JsonObject shop = create("shop");
    // the public URL came through the password alias
    assertEquals(server.baseUrl() + "/shop/", shop.getString("url"));

    Http api = new Http(server.baseUrl() + "/shop");
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
  @Order(25)
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
    awaitGone("shop");
    assertFalse(server.asadmin("list-applications").contains("shop"));
  }

  @Test
  @Order(26)
  void redeployTheEarAndTheBackpacksComeBack() {
    server.asadmin("redeploy", "--name", APP, ear.toAbsolutePath().toString());
    awaitPlatformReady();
    assertBackpackCameBack();
  }

  @Test
  @Order(27)
  void deployTheEarAgainOnAServerWithoutTheBackpacks() {
    // as on a new server: neither the platform nor any backpack deployed, only the data
    server.undeploy(APP);
    server.undeploy("keep");
    assertEquals(404, platform.get("/keep/api/health").status());
    server.deploy(ear, null, null);
    awaitPlatformReady();
    assertBackpackCameBack();
    assertEquals(404, platform.get("/shop/api/health").status(), "a deleted backpack stays deleted");
  }

  void signIn() {
    Http.Reply login = platform.post("/admin/api/auth/login", OWNER);
    assertEquals(200, login.status(), login::toString);
    owner = platform.bearer(login.json().getString("token"));
  }

  private void assertBackpackCameBack() {
    signIn();
    JsonObject keep = awaitUp("keep");
    assertEquals(server.baseUrl() + "/keep/", keep.getString("url"));
    Http api = new Http(server.baseUrl() + "/keep").bearer(keepUserToken);
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
  JsonObject create(String name) {
    Http.Reply accepted = owner.post("/admin/api/backpacks", "{\"name\":\"" + name + "\"}");
    assertEquals(202, accepted.status(), accepted::toString);
    return awaitUp(name);
  }

  JsonObject awaitUp(String name) {
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      Http.Reply reply = owner.get("/admin/api/backpacks/" + name);
      if (reply.status() == 200) {
        last = reply.json();
        if ("up".equals(last.getString("status"))) {
          return last;
        }
        assertFalse("failed".equals(last.getString("status")), () -> "backpack failed: " + reply + "\n" + server.serverLogTail(60));
      }
      sleep(500);
    }
    throw new AssertionError(name + " not up within " + UP_WITHIN + ": " + last + "\n" + server.serverLogTail(80));
  }

  private void awaitGone(String name) {
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    Http.Reply last = null;
    while (System.nanoTime() < deadline) {
      last = owner.get("/admin/api/backpacks/" + name);
      if (last.status() == 404 && platform.get("/" + name + "/api/health").status() == 404) {
        return;
      }
      sleep(500);
    }
    throw new AssertionError(name + " not gone within " + UP_WITHIN + ": " + last + "\n" + server.serverLogTail(80));
  }

  void awaitPlatformReady() {
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    Http.Reply last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = platform.get("/admin/api/platform");
        if (last.status() == 200 && last.json().getBoolean("ready")) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not answering yet
      }
      sleep(500);
    }
    throw new AssertionError("platform not ready within " + UP_WITHIN + ": " + last + "\n" + server.serverLogTail(80));
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
