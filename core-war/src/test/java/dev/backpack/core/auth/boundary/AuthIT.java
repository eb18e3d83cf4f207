package dev.backpack.core.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

/** Users, sessions, CSRF, rate limits and Redis outages over real HTTP and a real Redis. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthIT {

  static final String PASSWORD = "correct horse battery";
  static final String PREFIX = "bp:auth:";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("auth", Map.of("backpack.auth.login-failures-per-email", "5"));
  }

  @ArquillianResource URL base;

  static String credentials(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  static String unique() {
    return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void registerLoginMeLogout() throws Exception {
    Api api = new Api(base);
    String email = unique();
    Reply registered = api.post("/api/auth/register", credentials("  " + email.toUpperCase() + " ", PASSWORD));
    assertEquals(201, registered.status(), registered::body);
    JsonObject user = registered.json().getJsonObject("user");
    assertEquals(email, user.getString("email"), "email is trimmed and lower-cased");
    assertEquals(Set3.of("id", "email", "createdAt"), user.keySet());
    String token = registered.json().getString("token");
    assertTrue(token.length() >= 22, "at least 128 bits");
    assertFalse(registered.body().toLowerCase().contains("pbkdf2"), "no hash in a response");
    String cookie = registered.header("Set-Cookie");
    assertTrue(cookie.startsWith("bp_session=" + token), cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/auth/"), cookie);

    api.post("/api/auth/register", credentials(email, "another password")).problem(409);

    Api signedIn = api.withToken(token);
    assertEquals(user, signedIn.get("/api/auth/me").json().getJsonObject("user"));
    api.get("/api/auth/me").problem(401);
    api.withToken("forged-" + token).get("/api/auth/me").problem(401);
    api.get("/api/auth/me", "Authorization", "Basic abc").problem(401);

    // Redis holds a hash of the token, never the token
    try (JedisPooled redis = new JedisPooled(new java.net.URI(TestBackends.redisUri()))) {
      assertEquals(user.getString("id"), redis.get(PREFIX + "session:" + sha256(token)));
      for (String key : redis.keys(PREFIX + "*")) {
        assertFalse(key.contains(token));
        if (redis.type(key).equals("string")) {
          assertFalse(String.valueOf(redis.get(key)).contains(token));
        }
      }
      // the TTL slides: a nearly expired session is renewed by using it
      redis.expire(PREFIX + "session:" + sha256(token), 30);
      signedIn.get("/api/auth/me");
      assertTrue(redis.ttl(PREFIX + "session:" + sha256(token)) > 1_000_000, "renewed to the 14-day default");
      // an expired session is gone
      Reply login = api.post("/api/auth/login", credentials(email, PASSWORD));
      String second = login.json().getString("token");
      redis.del(PREFIX + "session:" + sha256(second));
      api.withToken(second).get("/api/auth/me").problem(401);
    }

    Reply login = api.post("/api/auth/login", credentials(email.toUpperCase(), PASSWORD));
    assertEquals(200, login.status(), login::body);
    assertEquals(user.getString("id"), login.json().getJsonObject("user").getString("id"));
    assertEquals(204, signedIn.post("/api/auth/logout", null).status());
    signedIn.get("/api/auth/me").problem(401);
    api.withToken(login.json().getString("token")).get("/api/auth/me").json();
  }

  @Test
  void wrongCredentialsDoNotRevealWhetherTheEmailExists() {
    Api api = new Api(base);
    String email = unique();
    api.post("/api/auth/register", credentials(email, PASSWORD));
    JsonObject wrongPassword = api.post("/api/auth/login", credentials(email, "wrong password")).problem(401);
    JsonObject unknownEmail = api.post("/api/auth/login", credentials(unique(), "wrong password")).problem(401);
    assertEquals(wrongPassword.getString("detail"), unknownEmail.getString("detail"));
  }

  @Test
  void hostileRegistrations() {
    Api api = new Api(base);
    String[] bodies = {
      "{\"email\":\"" + unique() + "\",\"password\":\"" + PASSWORD + "\",\"id\":\"x\"}",
      "{\"email\":\"" + unique() + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}",
      "{\"email\":\"" + unique() + "\",\"password\":\"" + PASSWORD + "\",\"createdAt\":\"2000-01-01T00:00:00Z\"}",
      credentials(unique(), "short"),
      credentials(unique(), "x".repeat(1025)),
      credentials("a".repeat(250) + "@example.com", PASSWORD),
      credentials("not-an-email", PASSWORD),
      credentials("two@@example.com", PASSWORD),
      "{\"email\":5,\"password\":\"" + PASSWORD + "\"}",
      "{\"email\":\"" + unique() + "\",\"password\":[\"" + PASSWORD + "\"]}",
      "{\"email\":\"" + unique() + "\",\"password\":12345678901}",
      "{\"email\":null,\"password\":\"" + PASSWORD + "\"}",
      "{}",
      "[]",
    };
    for (String body : bodies) {
      api.post("/api/auth/register", body).problem(400);
    }
    api.send("POST", "/api/auth/register", "text/plain", credentials(unique(), PASSWORD)).problem(415);
    assertEquals(201, api.post("/api/auth/register", credentials(unique(), "y".repeat(1024))).status());
    api.post("/api/auth/login", "{\"email\":[1],\"password\":\"" + PASSWORD + "\"}").problem(400);
    api.post("/api/auth/login", "{\"email\":\"" + unique() + "\",\"password\":false}").problem(400);
    api.post("/api/auth/logout", null).problem(401);
  }

  @Test
  void concurrentRegistrationsOfOneEmailMakeOneUser() throws Exception {
    String email = unique();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> replies =
          IntStream.range(0, 8)
              .mapToObj(i -> pool.submit(() -> new Api(base).post("/api/auth/register", credentials(email, PASSWORD)).status()))
              .toList();
      int created = 0;
      int conflicts = 0;
      for (Future<Integer> reply : replies) {
        int status = reply.get();
        created += status == 201 ? 1 : 0;
        conflicts += status == 409 ? 1 : 0;
      }
      assertEquals(1, created);
      assertEquals(7, conflicts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bruteForceIsStoppedWith429() {
    Api api = new Api(base);
    String email = unique();
    api.post("/api/auth/register", credentials(email, PASSWORD));
    for (int i = 0; i < 5; i++) {
      api.post("/api/auth/login", credentials(email, "guess " + i)).problem(401);
    }
    Reply limited = api.post("/api/auth/login", credentials(email, "guess 6"));
    limited.problem(429);
    assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0);
    api.post("/api/auth/login", credentials(email, PASSWORD)).problem(429);
    // another email is not affected
    String other = unique();
    api.post("/api/auth/register", credentials(other, PASSWORD));
    assertEquals(200, api.post("/api/auth/login", credentials(other, PASSWORD)).status());
  }

  @Test
  void cookieWritesNeedProofOfOrigin() {
    Api api = new Api(base);
    Reply registered = api.post("/api/auth/register", credentials(unique(), PASSWORD));
    String cookie = "bp_session=" + registered.json().getString("token");
    String origin = api.base().substring(0, api.base().indexOf("/", 8));
    assertEquals(200, api.get("/api/auth/me", "Cookie", cookie).status(), "reads need no proof");
    api.post("/api/collections/csrf/records", "{\"a\":1}", "Cookie", cookie).problem(403);
    api.post("/api/collections/csrf/records", "{\"a\":1}", "Cookie", cookie, "Origin", "http://evil.example").problem(403);
    api.post("/api/auth/logout", null, "Cookie", cookie, "Origin", "null").problem(403);
    assertEquals(201, api.post("/api/collections/csrf/records", "{\"a\":1}", "Cookie", cookie, "Origin", origin).status());
    assertEquals(201, api.post("/api/collections/csrf/records", "{\"a\":2}", "Cookie", cookie, "X-Requested-With", "backpack").status());
    assertEquals(2, api.withToken(registered.json().getString("token")).all("csrf", "").size(), "refused writes wrote nothing");
  }

  @Test
  void redisOutageGives503AndRecovers() throws Exception {
    Api api = new Api(base);
    String email = unique();
    String token = api.post("/api/auth/register", credentials(email, PASSWORD)).json().getString("token");
    Thread.sleep(1500); // the append-only file is synced every second
    TestBackends.redis().stop();
    try {
      Reply me = api.withToken(token).get("/api/auth/me");
      me.problem(503);
      assertNotNull(me.header("Retry-After"));
      api.post("/api/auth/login", credentials(email, PASSWORD)).problem(503);
      assertEquals(503, api.get("/api/health").status());
    } finally {
      TestBackends.redis().start();
    }
    assertEquals(200, api.withToken(token).get("/api/auth/me").status(), "the session survived the outage");
    assertEquals(200, api.post("/api/auth/login", credentials(email, PASSWORD)).status());
  }

  /** Set.of with a readable name in assertions. */
  static final class Set3 {
    static java.util.Set<String> of(String... names) {
      return java.util.Set.of(names);
    }
  }
}
