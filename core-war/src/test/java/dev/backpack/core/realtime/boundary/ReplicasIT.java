package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of one backpack (same database, same Redis prefix) behave as one: replica A is
 * Arquillian's Payara Micro, replica B a second Payara Micro process started here. The second
 * process also hosts backpack "iso" with the same collection and channel names on the same Redis
 * under its own prefix, which must hear nothing of the others. Ordered: Redis is stopped and
 * restarted, and replica B is killed last.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

  static final String SCHEMA = "it_replicas_" + UUID.randomUUID().toString().substring(0, 8);
  static final Duration QUIET = Duration.ofMillis(1500);

  static Map<String, String> replicaSettings() {
    // both replicas in one schema, as one backpack's replicas are
    Map<String, String> settings = new java.util.HashMap<>(TestBackends.postgres(SCHEMA));
    settings.put("backpack.redis.prefix", "bp:replicas:");
    settings.put("backpack.realtime.replica-ttl-seconds", "4");
    settings.put("backpack.auth.registrations-per-address", "10000");
    return settings;
  }

  @Deployment(testable = false)
  static WebArchive replicaA() {
    return Deployments.backpack("rta", replicaSettings());
  }

  static PayaraProcess second;

  @BeforeAll
  static void startReplicaBAndAnotherBackpack() {
    second =
        PayaraProcess.start(
            Deployments.backpack("rtb", replicaSettings()),
            Deployments.backpack(
                "iso", Map.of("backpack.auth.registrations-per-address", "10000")));
  }

  @AfterAll
  static void stopReplicaB() {
    if (second != null) {
      second.close();
    }
  }

  @ArquillianResource URL base;

  URI a() {
    return WsClient.realtime(base);
  }

  URI b() {
    return WsClient.realtime(second.url("rtb"));
  }

  URI iso() {
    return WsClient.realtime(second.url("iso"));
  }

  Api apiA() {
    return new Api(base);
  }

  Api apiB() {
    return new Api(second.base("rtb"));
  }

  static List<String> members(JsonObject presence) {
    return presence.getJsonArray("members").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .sorted()
        .toList();
  }

  static List<String> sorted(String... ids) {
    return java.util.Arrays.stream(ids).sorted().toList();
  }

  static boolean isChange(JsonObject frame) {
    return frame.getString("type").equals("change");
  }

  @Test
  @Order(1)
  void changesMadeOnOneReplicaReachSubscribersOnTheOther() {
    Accounts alice = Accounts.register(apiA());
    try (WsClient onB = WsClient.signedIn(b(), alice.token());
        WsClient onA = WsClient.signedIn(a(), alice.token())) {
      onB.ok("{\"type\":\"subscribe\",\"collection\":\"todos\",\"filter\":{\"done\":false}}");
      onA.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");

      JsonObject created = alice.create("todos", "{\"title\":\"from A over REST\",\"done\":false}");
      JsonObject seenOnB = onB.next("change");
      assertEquals("create", seenOnB.getString("op"));
      assertEquals(created, seenOnB.getJsonObject("record"));
      assertEquals(created, onA.next("change").getJsonObject("record"), "and on A itself");

      JsonObject written =
          onB.ok("{\"type\":\"create\",\"collection\":\"todos\",\"record\":{\"title\":\"from B's socket\",\"done\":false}}")
              .getJsonObject("record");
      assertEquals(written, onA.next("change").getJsonObject("record"));
      assertEquals(written, onB.next("change").getJsonObject("record"));

      alice.api().patch("/api/collections/todos/records/" + created.getString("id"), "{\"done\":true}");
      JsonObject left = onB.next("change");
      assertEquals("delete", left.getString("op"), "left B's filter, changed on A");
      assertEquals("update", onA.next("change").getString("op"));
    }
  }

  @Test
  @Order(2)
  void channelMessagesAndPresenceSpanReplicas() {
    Accounts alice = Accounts.register(apiA());
    Accounts bob = Accounts.register(apiA());
    try (WsClient aliceOnA = WsClient.signedIn(a(), alice.token());
        WsClient bobOnB = WsClient.signedIn(b(), bob.token())) {
      aliceOnA.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      assertEquals(List.of(alice.userId()), members(aliceOnA.next("presence")));
      bobOnB.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      List<String> both = sorted(alice.userId(), bob.userId());
      assertEquals(both, members(bobOnB.next("presence")), "B knows who is on A");
      assertEquals(both, members(aliceOnA.next("presence")), "A learns who joined on B");

      aliceOnA.ok("{\"type\":\"publish\",\"channel\":\"room-1\",\"data\":{\"text\":\"hi from A\"}}");
      JsonObject atB = bobOnB.next("message");
      assertEquals(alice.userId(), atB.getJsonObject("from").getString("userId"));
      assertEquals("hi from A", atB.getJsonObject("data").getString("text"));
      bobOnB.ok("{\"type\":\"publish\",\"channel\":\"room-1\",\"data\":\"hi from B\"}");
      assertEquals("hi from B", aliceOnA.next("message").getString("data"));

      bobOnB.close();
      assertEquals(List.of(alice.userId()), members(aliceOnA.next("presence")), "a socket closed on B");
    }
  }

  @Test
  @Order(3)
  void changesOfOneRecordWrittenOnBothReplicasArriveInCommitOrder() throws Exception {
    Accounts alice = Accounts.register(apiA());
    Api onA = alice.api();
    Api onB = apiB().withToken(alice.token());
    String id = alice.create("counters", "{\"n\":0}").getString("id");
    Map<Integer, Integer> versionOf = new ConcurrentHashMap<>();
    try (WsClient watchA = WsClient.signedIn(a(), alice.token());
        WsClient watchB = WsClient.signedIn(b(), alice.token())) {
      watchA.ok("{\"type\":\"subscribe\",\"collection\":\"counters\"}");
      watchB.ok("{\"type\":\"subscribe\",\"collection\":\"counters\"}");
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        Api api = w % 2 == 0 ? onA : onB;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 1; i <= 10; i++) {
                    int value = writer * 100 + i;
                    Api.Reply reply;
                    do {
                      reply = api.patch("/api/collections/counters/records/" + id, "{\"n\":" + value + "}");
                    } while (reply.status() == 409);
                    assertEquals(200, reply.status(), reply::body);
                    String etag = reply.header("ETag");
                    versionOf.put(value, Integer.parseInt(etag.substring(etag.lastIndexOf('-') + 1, etag.length() - 1)));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      writers.shutdown();
      int last = versionOf.values().stream().max(Integer::compare).orElseThrow();
      for (WsClient watcher : List.of(watchA, watchB)) {
        List<Integer> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1) != last) {
          seen.add(versionOf.get(watcher.next("change").getJsonObject("record").getInt("n")));
        }
        for (int i = 1; i < seen.size(); i++) {
          assertTrue(seen.get(i - 1) < seen.get(i), () -> "out of order: " + seen);
        }
      }
    }
  }

  @Test
  @Order(4)
  void anotherBackpackOnTheSameRedisHearsNothing() {
    Accounts alice = Accounts.register(apiA());
    Accounts stranger = Accounts.register(new Api(second.base("iso")));
    try (WsClient outsider = WsClient.signedIn(iso(), stranger.token());
        WsClient aliceOnA = WsClient.signedIn(a(), alice.token());
        WsClient aliceOnB = WsClient.signedIn(b(), alice.token())) {
      outsider.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");
      outsider.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      assertEquals(List.of(stranger.userId()), members(outsider.next("presence")));
      aliceOnA.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");
      aliceOnA.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      aliceOnB.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");

      alice.create("todos", "{\"title\":\"private to rta\"}");
      aliceOnB.ok("{\"type\":\"create\",\"collection\":\"todos\",\"record\":{\"title\":\"also\"}}");
      aliceOnA.ok("{\"type\":\"publish\",\"channel\":\"room-1\",\"data\":\"not for iso\"}");
      aliceOnB.next("message");
      aliceOnA.next("change");
      aliceOnA.next("change");
      outsider.none(f -> true, QUIET);

      // and the other way round
      outsider.ok("{\"type\":\"create\",\"collection\":\"todos\",\"record\":{\"title\":\"iso's\"}}");
      outsider.ok("{\"type\":\"publish\",\"channel\":\"room-1\",\"data\":\"iso only\"}");
      aliceOnA.none(f -> isChange(f) || f.getString("type").equals("message"), QUIET);
      aliceOnB.none(f -> isChange(f) || f.getString("type").equals("message"), Duration.ZERO);
      assertTrue(
          aliceOnA.drain().stream()
              .filter(f -> f.getString("type").equals("presence"))
              .allMatch(f -> !members(f).contains(stranger.userId())),
          "iso's member never shows up");
    }
  }

  @Test
  @Order(5)
  void signingOutOnOneReplicaClosesTheSessionsSocketsOnTheOther() {
    Accounts alice = Accounts.register(apiA());
    try (WsClient onB = WsClient.signedIn(b(), alice.token())) {
      onB.assertOpen();
      assertEquals(204, alice.api().post("/api/auth/logout", null).status());
      assertEquals(4401, onB.closed().code());
    }
  }

  @Test
  @Order(6)
  void aReplicaWithoutRedisServesItsOwnSocketsAndCatchesUpWhenRedisReturns() throws Exception {
    Accounts alice = Accounts.register(apiA());
    Accounts carol = Accounts.register(apiA());
    Accounts bob = Accounts.register(apiA());
    try (WsClient aliceOnA = WsClient.signedIn(a(), alice.token());
        WsClient carolOnA = WsClient.signedIn(a(), carol.token());
        WsClient bobOnB = WsClient.signedIn(b(), bob.token())) {
      for (WsClient socket : List.of(aliceOnA, carolOnA, bobOnB)) {
        socket.ok("{\"type\":\"subscribe\",\"collection\":\"notes\"}");
        socket.ok("{\"type\":\"join\",\"channel\":\"room-r\"}");
      }
      List<String> all = sorted(alice.userId(), bob.userId(), carol.userId());
      for (WsClient socket : List.of(aliceOnA, carolOnA, bobOnB)) {
        socket.next(f -> f.getString("type").equals("presence") && members(f).equals(all));
        socket.drain();
      }

      TestBackends.redis().stop();
      try {
        // A's sockets still reach each other: writes through the socket, messages, presence
        JsonObject note =
            carolOnA.ok("{\"type\":\"create\",\"collection\":\"notes\",\"record\":{\"text\":\"during the outage\"}}")
                .getJsonObject("record");
        assertEquals(note, aliceOnA.next("change").getJsonObject("record"));
        carolOnA.ok("{\"type\":\"publish\",\"channel\":\"room-r\",\"data\":\"still here\"}");
        assertEquals("still here", aliceOnA.next("message").getString("data"));
        carolOnA.ok("{\"type\":\"leave\",\"channel\":\"room-r\"}");
        assertEquals(sorted(alice.userId(), bob.userId()), members(aliceOnA.next("presence")));
        bobOnB.none(f -> isChange(f) || f.getString("type").equals("message"), QUIET);
      } finally {
        TestBackends.redis().start();
      }

      // both replicas resubscribe and tell their sockets they may have missed something
      assertEquals("gap", aliceOnA.next(f -> f.getString("type").equals("gap"), Duration.ofSeconds(20)).getString("type"));
      bobOnB.next(f -> f.getString("type").equals("gap"), Duration.ofSeconds(20));
      assertEquals(
          sorted(alice.userId(), bob.userId()),
          members(bobOnB.next(f -> f.getString("type").equals("presence") && members(f).size() == 2, Duration.ofSeconds(20))),
          "B learns that carol left while Redis was away");

      JsonObject after =
          carolOnA.ok("{\"type\":\"create\",\"collection\":\"notes\",\"record\":{\"text\":\"after the outage\"}}")
              .getJsonObject("record");
      assertEquals(after, bobOnB.next(f -> isChange(f) && f.getJsonObject("record").getString("id").equals(after.getString("id"))).getJsonObject("record"));
      bobOnB.ok("{\"type\":\"publish\",\"channel\":\"room-r\",\"data\":\"B is back\"}");
      assertEquals("B is back", aliceOnA.next("message").getString("data"));
    }
  }

  @Test
  @Order(7)
  void membersOfAReplicaThatDiesLeaveThePresenceOfTheOthers() {
    Accounts alice = Accounts.register(apiA());
    Accounts bob = Accounts.register(apiA());
    try (WsClient aliceOnA = WsClient.signedIn(a(), alice.token());
        WsClient bobOnB = WsClient.signedIn(b(), bob.token())) {
      aliceOnA.ok("{\"type\":\"join\",\"channel\":\"room-d\"}");
      bobOnB.ok("{\"type\":\"join\",\"channel\":\"room-d\"}");
      aliceOnA.next(f -> f.getString("type").equals("presence") && members(f).size() == 2);
      aliceOnA.drain();

      long killed = System.nanoTime();
      second.kill();

      JsonObject after = aliceOnA.next(f -> f.getString("type").equals("presence"), Duration.ofSeconds(30));
      long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
      assertEquals(List.of(alice.userId()), members(after), "B's members are removed once B's heartbeat expired");
      assertTrue(seconds >= 2, "not before B's key expired (4 s TTL): " + seconds + " s");
    }
  }
}
