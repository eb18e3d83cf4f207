package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.deployment.AppDirectory;
import dev.backpack.deployment.PropertiesFiles;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import dev.backpack.deployment.BackpackName;
import dev.backpack.embedded.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;

/**
 * The admin platform end to end: the real launcher ({@link Platform}, in this JVM) with the real
 * embedded PostgreSQL and Redis, Payara Micro, admin-war and core-war; every
 * call over HTTP as the SPA or a script makes it. One platform for the class (Payara Micro is one
 * per JVM), with the rollback fault injected for names starting {@code rollback-}.
 */
class AdminPlatformIT {

  static final Path CORE_WAR = Path.of(System.getProperty("backpack.core.war", "target/core-war.war")).toAbsolutePath();
  static final Path ADMIN_WAR = Path.of(System.getProperty("backpack.admin.war", "target/admin-war.war")).toAbsolutePath();

  @TempDir static Path tmp;

  static Platform platform;
  static Api owner;
  static Api dev1;
  static Api dev2;
  static JedisPooled redis;

  @BeforeAll
  static void start() {
    platform =
        Platform.start(
            new Platform.Config(FreePort.orFree(0), "127.0.0.1", tmp.resolve("data"), CORE_WAR, ADMIN_WAR, Map.of(), Map.of("backpack.platform.faults", "create@rollback-*")),
            List.of(new BackpackName("demo")),
            line -> {});
    owner = new Api(platform.baseUrl()).register("owner@example.org");
    dev1 = new Api(platform.baseUrl()).register("dev1@example.org");
    dev2 = new Api(platform.baseUrl()).register("dev2@example.org");
    assertEquals("succeeded", dev1.createAndWait("shop").get("state"));
    URI redisUri = URI.create(platform.endpoints().redisUri());
    redis = new JedisPooled(redisUri.getHost(), redisUri.getPort());
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void theFirstAccountIsTheOwnerAndLaterOnesAreDevelopers() {
    assertEquals("owner", Api.map(owner.get("auth/me").expect(200).json().get("account")).get("role"));
    assertEquals("developer", Api.map(dev1.get("auth/me").expect(200).json().get("account")).get("role"));
    assertEquals(Boolean.TRUE, new Api(platform.baseUrl()).get("platform").expect(200).json().get("hasOwner"));
    dev1.get("accounts").problem(403);
    assertTrue(owner.get("accounts").expect(200).items().size() >= 3);
    new Api(platform.baseUrl()).get("backpacks").problem(401);
  }

  @Test
  void theOwnerClosesAndReopensTheRegistrationOfDevelopers() {
    dev1.patch("platform/settings", "{\"registrationOpen\":false}").problem(403);
    assertEquals(Boolean.FALSE, owner.patch("platform/settings", "{\"registrationOpen\":false}").expect(200).json().get("registrationOpen"));
    try {
      assertEquals(Boolean.FALSE, new Api(platform.baseUrl()).get("platform").expect(200).json().get("registrationOpen"));
      new Api(platform.baseUrl()).post("auth/register", "{\"email\":\"late@example.org\",\"password\":\"correct horse battery\"}").problem(403);
    } finally {
      owner.patch("platform/settings", "{\"registrationOpen\":true}").expect(200);
    }
    new Api(platform.baseUrl()).register("late@example.org");
    owner.patch("platform/settings", "{\"registrationOpen\":\"no\"}").problem(400);
  }

  @Test
  void theStartedBackpackIsOwnedByThePlatformAndSeenOnlyByTheOwner() {
    Map<String, Object> demo = owner.get("backpacks/demo").expect(200).json();
    assertEquals("up", demo.get("status"));
    assertNull(demo.get("owner"));
    dev1.get("backpacks/demo").problem(404);
  }

  @Test
  void theInProcessDriverSaysItCannotChangeReplicasOrLimits() {
    Map<String, Object> info = new Api(platform.baseUrl()).get("platform").expect(200).json();
    assertEquals("inprocess", info.get("driver"));
    assertEquals(Boolean.FALSE, info.get("scalable"), info.toString());
  }

  @Test
  void everyBackpackRunsAsOneInstanceWithoutLimits() {
    Map<String, Object> oneInstance = Map.of("replicas", 1L, "limits", Map.of());
    assertEquals(oneInstance, dev1.get("backpacks/shop").expect(200).json().get("deployment"));
    assertEquals(oneInstance, owner.get("backpacks/demo").expect(200).json().get("deployment"));
    List<Map<String, Object>> all = owner.get("backpacks").expect(200).items();
    assertTrue(all.size() >= 2, all.toString());
    for (Map<String, Object> backpack : all) {
      assertEquals(oneInstance, backpack.get("deployment"), backpack.get("name").toString());
    }
  }

  @Test
  void changingTheDeploymentNeedsTheSwarmDriverAndChangesNothing() {
    Map<String, Object> before = dev1.get("backpacks/shop").expect(200).json();
    for (String change :
        List.of("{\"replicas\":3}", "{\"limits\":{\"core\":{\"cpus\":0.5,\"memoryMb\":256}}}", "{\"replicas\":2,\"limits\":{\"redis\":null}}", "{}")) {
      String detail = dev1.patch("backpacks/shop/deployment", change).problem(409).string("detail");
      assertTrue(detail.contains("swarm driver") && detail.contains("backpack.driver=swarm"), detail);
    }
    owner.patch("backpacks/shop/deployment", "{\"replicas\":2}").problem(409);
    owner.patch("backpacks/demo/deployment", "{\"replicas\":2}").problem(409);

    Map<String, Object> after = dev1.get("backpacks/shop").expect(200).json();
    assertEquals(before.get("deployment"), after.get("deployment"));
    assertEquals(Map.of("replicas", 1L, "limits", Map.of()), after.get("deployment"));
    assertEquals("up", after.get("status"));
    assertTrue(dev1.get("operations?backpack=shop&limit=200").expect(200).items().stream().noneMatch(o -> "update".equals(o.get("kind"))), "no update operation started");
  }

  @Test
  void onlyWhoSeesABackpackMayAskToChangeItsDeployment() {
    dev2.patch("backpacks/shop/deployment", "{\"replicas\":2}").problem(404);
    dev1.patch("backpacks/demo/deployment", "{\"replicas\":2}").problem(404); // the platform's own: the owner's
    dev1.patch("backpacks/nope-nope/deployment", "{\"replicas\":2}").problem(404);
    dev1.patch("backpacks/SHOP/deployment", "{\"replicas\":2}").problem(404);
    Api stranger = new Api(platform.baseUrl());
    stranger.patch("backpacks/shop/deployment", "{\"replicas\":2}").problem(401);
    stranger.patch("backpacks/nope-nope/deployment", "{\"replicas\":2}").problem(401);
    stranger.token = "not-a-session";
    stranger.patch("backpacks/shop/deployment", "{\"replicas\":2}").problem(401);
    assertEquals(Map.of("replicas", 1L, "limits", Map.of()), dev1.get("backpacks/shop").expect(200).json().get("deployment"));
  }

  @Test
  void aCreateStreamsItsStepsLiveAndTheNewBackpackServes() throws Exception {
    Api.Answer started = dev1.post("backpacks", "{\"name\":\"live\"}").expect(202);
    String id = started.string("id");
    assertEquals("running", started.string("state"));
    assertTrue(started.header("Location").endsWith("/admin/api/operations/" + id), started.header("Location"));

    List<String> events = sse(dev1, "operations/" + id + "/events");

    assertTrue(events.stream().anyMatch(e -> e.startsWith("step:") && e.contains("Deploying core-war at /live")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.startsWith("step:") && e.contains("/live/api/health")), events.toString());
    String end = events.get(events.size() - 1);
    assertTrue(end.startsWith("end:") && end.contains("\"state\":\"succeeded\""), events.toString());
    Map<String, Object> operation = dev1.get("operations/" + id).expect(200).json();
    assertEquals("succeeded", operation.get("state"));
    assertTrue(((List<?>) operation.get("steps")).size() >= 4, operation.toString());

    Map<String, Object> live = dev1.get("backpacks/live").expect(200).json();
    assertEquals("up", live.get("status"));
    assertEquals(platform.baseUrl() + "live/", live.get("url"));
    assertEquals(Map.of("id", Api.map(dev1.get("auth/me").json().get("account")).get("id"), "email", "dev1@example.org"), live.get("owner"));
    assertTrue(live.get("sdkSnippet").toString().contains("import { Backpack } from '" + platform.baseUrl() + "live/sdk/backpack.js'"), live.toString());
    assertTrue(live.get("sdkSnippet").toString().contains("new Backpack('" + platform.baseUrl() + "live')"), live.toString());
    assertEquals(200, plain(URI.create(live.get("url") + "api/health")).statusCode());
    assertTrue(names(dev1.get("backpacks")).containsAll(Set.of("shop", "live")));
    assertFalse(names(dev2.get("backpacks")).contains("live"));
    assertTrue(names(owner.get("backpacks")).containsAll(Set.of("shop", "live", "demo")));
    assertTrue(dev1.get("operations?backpack=live").expect(200).items().stream().anyMatch(o -> id.equals(o.get("id"))));

    // a finished operation replays its steps and ends at once
    List<String> replay = sse(dev1, "operations/" + id + "/events");
    assertEquals(events.size(), replay.size(), replay.toString());
  }

  @Test
  void browsingABackpackGoesThroughItsAdminApiWithoutShowingTheKey() throws Exception {
    String b = "backpacks/shop/";
    dev1.post(b + "collections", "{\"name\":\"notes\"}").expect(201);
    dev1.post(b + "collections", "{\"name\":\"notes\"}").problem(409);
    Api.Answer created = dev1.post(b + "collections/notes/records", "{\"text\":\"hello\",\"n\":1}").expect(201);
    String id = created.string("id");
    assertTrue(created.header("Location").endsWith("/admin/api/backpacks/shop/collections/notes/records/" + id), created.header("Location"));
    dev1.post(b + "collections/notes/records", "{\"text\":\"other\",\"n\":2}").expect(201);

    String filter = URLEncoder.encode("{\"n\":{\"$gte\":2}}", StandardCharsets.UTF_8);
    Map<String, Object> page = dev1.get(b + "collections/notes/records?count=true&filter=" + filter).expect(200).json();
    assertEquals(1L, page.get("total"));
    assertEquals("other", Api.map(((List<?>) page.get("items")).get(0)).get("text"));
    dev1.get(b + "collections/notes/records?filter=" + URLEncoder.encode("{\"$where\":\"1\"}", StandardCharsets.UTF_8)).problem(400);

    assertEquals("changed", dev1.patch(b + "collections/notes/records/" + id, "{\"text\":\"changed\"}").expect(200).string("text"));
    assertEquals("changed", dev1.get(b + "collections/notes/records/" + id).expect(200).string("text"));
    dev1.patch(b + "collections/notes", "{\"rules\":{\"read\":\"public\"}}").expect(200);
    assertTrue(dev1.get(b + "collections").expect(200).body().contains("\"read\":\"public\""));
    dev1.delete(b + "collections/notes/records/" + id).expect(204);
    dev1.get(b + "collections/notes/records/" + id).problem(404);

    // a user of the backpack, with a file
    URI shop = platform.backpackUrl("shop");
    HttpResponse<String> user = plain(HttpRequest.newBuilder(shop.resolve("api/auth/register")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"user@example.org\",\"password\":\"correct horse battery\"}")));
    assertEquals(201, user.statusCode(), user.body());
    String userToken = Json.object(user.body()).get("token").toString();
    String userId = Api.map(Json.object(user.body()).get("user")).get("id").toString();
    String boundary = "b0undary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.txt\"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n--" + boundary + "--\r\n";
    HttpResponse<String> upload =
        plain(HttpRequest.newBuilder(shop.resolve("api/files")).header("Authorization", "Bearer " + userToken).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(multipart)));
    assertEquals(201, upload.statusCode(), upload.body());
    String fileId = Json.object(upload.body()).get("id").toString();

    assertTrue(dev1.get(b + "users").expect(200).body().contains("user@example.org"));
    assertEquals("user@example.org", dev1.get(b + "users/" + userId).expect(200).string("email"));
    assertTrue(dev1.get(b + "files").expect(200).body().contains(fileId));
    Api.Answer download = dev1.get(b + "files/" + fileId).expect(200);
    assertEquals("hello file", download.body());
    assertTrue(download.header("Content-Disposition") != null, "the backpack's Content-Disposition passes");
    assertEquals(1L, dev1.get(b + "stats").expect(200).json().get("users"));
    dev1.put(b + "users/" + userId + "/password", "{\"password\":\"short\"}").problem(400);
    dev1.put(b + "users/" + userId + "/password", "{\"password\":\"another good password\"}").expect(204);
    dev1.delete(b + "files/" + fileId).expect(204);
    dev1.get(b + "files/" + fileId).problem(404);
    dev1.delete(b + "users/" + userId).expect(204);

    String key = adminKeyOf("shop");
    for (String path : List.of("backpacks/shop", "backpacks", "backpacks/shop/stats", "backpacks/shop/collections", "operations?backpack=shop")) {
      assertFalse(dev1.get(path).body().contains(key), path + " shows the admin key");
    }
  }

  @Test
  void anotherDevelopersBackpackCannotBeReadBrowsedOrDeleted() {
    String createdBy1 = dev1.get("operations?backpack=shop").expect(200).items().get(0).get("id").toString();
    for (String path : List.of("backpacks/shop", "backpacks/shop/users", "backpacks/shop/collections", "backpacks/shop/collections/notes/records", "backpacks/shop/files", "backpacks/shop/stats", "operations/" + createdBy1, "operations/" + createdBy1 + "/events")) {
      dev2.get(path).problem(404);
    }
    dev2.delete("backpacks/shop").problem(404);
    dev2.post("backpacks/shop/collections", "{\"name\":\"x\"}").problem(404);
    assertTrue(dev2.get("operations?backpack=shop").expect(200).items().isEmpty());
    assertFalse(names(dev2.get("backpacks")).contains("shop"));
    // the owner sees and may browse it
    owner.get("backpacks/shop/stats").expect(200);
    assertEquals("up", dev1.get("backpacks/shop").expect(200).string("status"), "still there");
  }

  @Test
  void twoCreatesOfOneNameGiveOneSuccessAndOne409() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Api.Answer> first = CompletableFuture.supplyAsync(() -> awaitThen(go, () -> dev1.post("backpacks", "{\"name\":\"race\"}")));
    CompletableFuture<Api.Answer> second = CompletableFuture.supplyAsync(() -> awaitThen(go, () -> dev2.post("backpacks", "{\"name\":\"race\"}")));
    go.countDown();
    List<Api.Answer> answers = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

    List<Integer> statuses = answers.stream().map(Api.Answer::status).sorted().toList();
    assertEquals(List.of(202, 409), statuses, answers.stream().map(Api.Answer::body).toList().toString());
    Api.Answer won = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow();
    Api winner = won == answers.get(0) ? dev1 : dev2;
    winner.delete("backpacks/race").problem(409); // still being created
    assertEquals("succeeded", winner.awaitOperation(won.string("id")).get("state"));
    answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow().problem(409);
    assertEquals("succeeded", winner.deleteAndWait("race").get("state"));
  }

  @Test
  void aCreateThatFailsMidwayLeavesNothingAndSaysWhy() throws Exception {
    Map<String, Object> operation = dev1.createAndWait("rollback-one");

    assertEquals("failed", operation.get("state"));
    String error = operation.get("error").toString();
    assertTrue(error.contains("injected failure") && error.contains("Nothing of it is left"), error);
    Map<String, Object> full = dev1.get("operations/" + operation.get("id")).expect(200).json();
    List<String> steps = ((List<?>) full.get("steps")).stream().map(s -> Api.map(s).get("message").toString()).toList();
    assertTrue(steps.stream().anyMatch(s -> s.startsWith("Up at ")), "it was up before it failed: " + steps);
    assertTrue(steps.stream().anyMatch(s -> s.startsWith("Rolling back")), steps.toString());
    assertNothingLeftOf("rollback-one");
  }

  @Test
  void deletingABackpackUnderLoadDisturbsNoOtherBackpack() throws Exception {
    assertEquals("succeeded", dev1.createAndWait("victim").get("state"));
    URI shop = platform.backpackUrl("shop");
    HttpResponse<String> user = plain(HttpRequest.newBuilder(shop.resolve("api/auth/register")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"load@example.org\",\"password\":\"correct horse battery\"}")));
    String token = Json.object(user.body()).get("token").toString();
    HttpResponse<String> record = plain(HttpRequest.newBuilder(shop.resolve("api/collections/load/records")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")));
    assertEquals(201, record.statusCode(), record.body());
    URI recordUri = shop.resolve("api/collections/load/records/" + Json.object(record.body()).get("id"));

    AtomicBoolean deleting = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> load = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread =
          new Thread(
              () -> {
                while (deleting.get()) {
                  try {
                    HttpResponse<String> health = plain(HttpRequest.newBuilder(shop.resolve("api/health")));
                    HttpResponse<String> read = plain(HttpRequest.newBuilder(recordUri).header("Authorization", "Bearer " + token));
                    if (health.statusCode() == 200 && read.statusCode() == 200) {
                      answered.incrementAndGet();
                    } else {
                      failures.add(health.statusCode() + "/" + read.statusCode() + " " + read.body());
                    }
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                }
              });
      thread.start();
      load.add(thread);
    }
    Map<String, Object> operation;
    try {
      Thread.sleep(300);
      operation = dev1.deleteAndWait("victim");
      Thread.sleep(300);
    } finally {
      deleting.set(false);
      for (Thread thread : load) {
        thread.join(30_000);
      }
    }

    assertEquals("succeeded", operation.get("state"), operation.toString());
    assertEquals(List.of(), failures, "shop never failed while victim was deleted");
    assertTrue(answered.get() > 10, "shop was asked during the deletion: " + answered.get());
    assertNothingLeftOf("victim");
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST | backpacks                | {\"name\":\"Admin\"}                  | application/json | 400",
        "POST | backpacks                | {\"name\":\"api\"}                    | application/json | 400",
        "POST | backpacks                | {\"name\":\"sdk\"}                    | application/json | 400",
        "POST | backpacks                | {\"name\":\"a\"}                      | application/json | 400",
        "POST | backpacks                | {\"name\":\"abcdefghijklmnopqrstuvwxyz0123456\"} | application/json | 400",
        "POST | backpacks                | {\"name\":\"../etc\"}                 | application/json | 400",
        "POST | backpacks                | {\"name\":\"shop\\u0000x\"}           | application/json | 400",
        "POST | backpacks                | {\"name\":123}                        | application/json | 400",
        "POST | backpacks                | {\"name\":\"okname\",\"admin\":true}  | application/json | 400",
        "POST | backpacks                | {\"name\":                            | application/json | 400",
        "POST | backpacks                | [\"shop\"]                            | application/json | 400",
        "POST | backpacks                | name=shop                             | application/x-www-form-urlencoded | 415",
        "POST | backpacks                | {\"name\":\"shop\"}                   | application/json | 409",
        "GET  | backpacks/..%2Fadmin     | ''                                    | ''               | 404",
        "GET  | backpacks/SHOP           | ''                                    | ''               | 404",
        "GET  | backpacks/nope-nope      | ''                                    | ''               | 404",
        "GET  | backpacks/shop/collections/..%2F..%2Fusers/records | ''          | ''               | 400",
        "GET  | backpacks/shop/users/%2E%2E | ''                                 | ''               | 404",
        "GET  | operations/not-a-uuid    | ''                                    | ''               | 404",
        "GET  | operations/00000000-0000-0000-0000-000000000000 | ''             | ''               | 404",
        "GET  | operations?limit=100000  | ''                                    | ''               | 400",
        "GET  | nothing/here             | ''                                    | ''               | 404",
        "PUT  | backpacks                | {}                                    | application/json | 405",
        "POST | auth/login               | {\"email\":1,\"password\":2}          | application/json | 400",
        "POST | auth/register            | {\"email\":\"x@example.org\",\"password\":\"short\"} | application/json | 400",
        "POST | auth/register            | {\"email\":\"not an email\",\"password\":\"long enough pw\"} | application/json | 400",
        "PATCH | platform/settings       | {\"registrationOpen\":true}           | application/json | 403",
        "PATCH | backpacks/shop/deployment | {\"replicas\":2,\"nodes\":3}      | application/json | 400",
        "PATCH | backpacks/shop/deployment | [2]                                 | application/json | 400",
        "PATCH | backpacks/shop/deployment | replicas=2                          | application/x-www-form-urlencoded | 415",
        "POST | backpacks/shop/deployment | {\"replicas\":2}                    | application/json | 405",
      })
  void hostileInputsGetAProblemNeverAStackTrace(String method, String path, String body, String type, int status) {
    HttpRequest.Builder request = dev1.request(path).header("X-Requested-With", "test");
    if (!type.isEmpty()) {
      request.header("Content-Type", type);
    }
    request.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.replace("\\u0000", "\u0000")));
    dev1.send(request).problem(status);
  }

  @Test
  void oversizedBodiesAndBadCredentialsAreRefused() {
    dev1.post("backpacks", "{\"name\":\"" + "x".repeat(20_000) + "\"}").problem(413);
    Api basic = new Api(platform.baseUrl());
    basic.send(basic.request("backpacks").header("Authorization", "Basic eDp5")).problem(401);
    Api stranger = new Api(platform.baseUrl());
    stranger.token = "not-a-session";
    stranger.get("backpacks").problem(401);
    new Api(platform.baseUrl()).get("system/startup").problem(404);
    // a NUL in the path never reaches the platform: Payara's HTTP parser refuses it with an empty 400
    Api.Answer nul = dev1.get("backpacks/shop%00");
    assertEquals(400, nul.status());
    assertFalse(nul.body().contains("Exception") || nul.body().contains("<html"), nul.body());
  }

  @Test
  void cookieWritesNeedProofAgainstCrossSiteRequests() {
    Api browser = new Api(platform.baseUrl());
    HttpResponse<String> login =
        browser.send(browser.request("auth/login").header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"dev2@example.org\",\"password\":\"correct horse battery\"}"))).expect(200).response();
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.startsWith("bp_admin_session="), setCookie);
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/admin/"), setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    browser.send(browser.request("auth/me").header("Cookie", cookie)).expect(200);
    browser.send(browser.request("backpacks").header("Cookie", cookie).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bad\"}"))).problem(403);
    browser.send(browser.request("backpacks").header("Cookie", cookie).header("Origin", "http://evil.example").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bad\"}"))).problem(403);
    // past the CSRF check: the name's own validation answers
    browser.send(browser.request("backpacks").header("Cookie", cookie).header("X-Requested-With", "XMLHttpRequest").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bad\"}"))).problem(400);
    browser.send(browser.request("backpacks").header("Cookie", cookie).header("Origin", platform.baseUrl().toString().replaceAll("/$", "")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bad\"}"))).problem(400);
    browser.send(browser.request("auth/login").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"dev2@example.org\",\"password\":\"correct horse battery\"}"))).problem(403);
  }

  @Test
  void repeatedWrongPasswordsAreRateLimitedPerEmail() {
    Api attacker = new Api(platform.baseUrl());
    new Api(platform.baseUrl()).register("target@example.org");
    for (int i = 0; i < 10; i++) {
      attacker.post("auth/login", "{\"email\":\"target@example.org\",\"password\":\"wrong password " + i + "\"}").problem(401);
    }
    Api.Answer limited = attacker.post("auth/login", "{\"email\":\"target@example.org\",\"password\":\"correct horse battery\"}").problem(429);
    assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0, limited.header("Retry-After"));
  }

  @Test
  void aBackpacksCredentialsReachItsOwnSchemaOnlyAndDeleteDropsSchemaAndRole() throws Exception {
    assertEquals("succeeded", dev1.createAndWait("iso-a").get("state"));
    assertEquals("succeeded", dev2.createAndWait("iso-b").get("state"));
    Properties a = settingsOf("iso-a");
    Properties b = settingsOf("iso-b");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(platform.dataDir().resolve("backpacks/iso-a/app").resolve(AppDirectory.CONFIG))));
    assertEquals("bp_iso_a", a.getProperty("backpack.postgres.user"));
    assertEquals("bp_iso_a", a.getProperty("backpack.postgres.schema"));
    assertEquals(platform.endpoints().postgresUrl(), a.getProperty("backpack.postgres.url"));
    assertNull(a.getProperty("backpack.mongodb.uri"), "no MongoDB given: the postgres engine");
    String password = a.getProperty("backpack.postgres.password");
    assertTrue(password.length() >= 43, "32 random bytes, base64url");
    assertFalse(password.equals(b.getProperty("backpack.postgres.password")));
    // never shown by the API
    assertFalse(owner.get("backpacks/iso-a").expect(200).body().contains(password));
    assertFalse(dev1.get("backpacks/iso-a").expect(200).body().contains(password));
    assertFalse(dev1.get("backpacks").expect(200).body().contains(password));

    try (Connection asA = DriverManager.getConnection(a.getProperty("backpack.postgres.url"), "bp_iso_a", password);
        Statement s = asA.createStatement()) {
      // its own schema: read and write
      s.execute("create table bp_iso_a.it_probe (v int)");
      s.execute("insert into bp_iso_a.it_probe values (1)");
      assertEquals(1, count(asA, "select count(*) from bp_iso_a.it_probe"));
      s.execute("drop table bp_iso_a.it_probe");
      if (count(asA, "select count(*) from pg_tables where schemaname = 'bp_iso_a' and tablename = 'records'") == 1) {
        count(asA, "select count(*) from bp_iso_a.records");
      }
      // B's schema, the platform's tables, schema public, new roles and schemas: refused
      for (String sql :
          List.of(
              "select * from bp_iso_b.records",
              "create table bp_iso_b.mine (v int)",
              "select * from public.accounts",
              "select * from public.backpacks",
              "create table public.mine (v int)",
              "create schema mine",
              "create role mine")) {
        SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
      }
    }
    SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(a.getProperty("backpack.postgres.url"), "bp_iso_a", password + "x").close());
    assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
    SQLException other = assertThrows(SQLException.class, () -> DriverManager.getConnection(a.getProperty("backpack.postgres.url"), "bp_iso_b", password).close());
    assertEquals("28P01", other.getSQLState(), "A's password does not open B's role");

    assertEquals("succeeded", dev2.deleteAndWait("iso-b").get("state"));
    assertNothingLeftOf("iso-b");
    try (Connection c = platformDatabase()) {
      assertEquals(1, count(c, "select count(*) from pg_namespace where nspname = 'bp_iso_a'"), "A keeps its schema");
      assertEquals(1, count(c, "select count(*) from pg_roles where rolname = 'bp_iso_a'"), "A keeps its role");
    }
  }

  @Test
  void theStaticIndexSaysWhatThisIsAndLinksTheApiDocument() throws Exception {
    HttpResponse<String> index = plain(HttpRequest.newBuilder(platform.baseUrl().resolve("admin/")));
    assertEquals(200, index.statusCode());
    assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(index.body().contains("Backpack platform") && index.body().contains("href=\"api/openapi\""), index.body());
    Api.Answer openapi = owner.get("openapi").expect(200);
    assertTrue(openapi.body().startsWith("openapi: 3.1.0") && openapi.body().contains("/backpacks/{name}/collections/{collection}/records"), openapi.body());
    HttpResponse<String> missing = plain(HttpRequest.newBuilder(platform.baseUrl().resolve("admin/nope.html")));
    assertEquals(404, missing.statusCode());
    assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), missing.body());
  }

  // ---------------------------------------------------------------------------------------------

  /** Nothing of {@code name} remains: not in the API, not deployed, no database, no keys, no files. */
  static void assertNothingLeftOf(String name) throws Exception {
    owner.get("backpacks/" + name).problem(404);
    assertFalse(names(owner.get("backpacks")).contains(name));
    assertEquals(404, plain(HttpRequest.newBuilder(platform.backpackUrl(name).resolve("api/health"))).statusCode(), "not deployed");
    BackpackName backpack = new BackpackName(name);
    try (Connection c = platformDatabase()) {
      assertEquals(0, count(c, "select count(*) from pg_namespace where nspname = ?", backpack.schema()), "no schema " + backpack.schema());
      assertEquals(0, count(c, "select count(*) from pg_roles where rolname = ?", backpack.role()), "no role " + backpack.role());
    }
    assertTrue(redis.scan(ScanParams.SCAN_POINTER_START, new ScanParams().match(backpack.redisPrefix() + "*").count(10_000)).getResult().isEmpty(), "no Redis keys");
    assertFalse(Files.exists(platform.dataDir().resolve("backpacks").resolve(name)), "no files, no app directory");
  }

  /** A connection of the platform's own role (the embedded server's superuser). */
  static Connection platformDatabase() throws SQLException {
    Endpoints endpoints = platform.endpoints();
    return DriverManager.getConnection(endpoints.postgresUrl(), endpoints.postgresUser(), endpoints.postgresPassword());
  }

  static int count(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** A backpack's settings file, as core-war reads it. */
  static Properties settingsOf(String name) throws Exception {
    return PropertiesFiles.read(platform.dataDir().resolve("backpacks").resolve(name).resolve("app").resolve(AppDirectory.CONFIG));
  }

  static Set<String> names(Api.Answer list) {
    Set<String> names = new TreeSet<>();
    list.expect(200).items().forEach(b -> names.add(b.get("name").toString()));
    return names;
  }

  /** The events of an SSE stream as {@code name:data} lines, until the server closes it. */
  static List<String> sse(Api api, String path) throws Exception {
    HttpResponse<java.io.InputStream> response = Api.HTTP.send(api.request(path).header("Accept", "text/event-stream").timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> events = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = "message";
      StringBuilder data = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        } else if (line.isEmpty() && data.length() > 0) {
          events.add(event + ":" + data);
          event = "message";
          data.setLength(0);
        }
      }
    }
    return events;
  }

  static HttpResponse<String> plain(URI uri) throws Exception {
    return plain(HttpRequest.newBuilder(uri));
  }

  static HttpResponse<String> plain(HttpRequest.Builder request) throws Exception {
    return Api.HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String adminKeyOf(String name) throws Exception {
    for (String line : Files.readAllLines(platform.dataDir().resolve("backpacks").resolve(name).resolve("app/WEB-INF/classes/META-INF/backpack.properties"))) {
      if (line.startsWith("backpack.admin.key=")) {
        return line.substring("backpack.admin.key=".length());
      }
    }
    throw new AssertionError("no admin key for " + name);
  }

  static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> work) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return work.get();
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
