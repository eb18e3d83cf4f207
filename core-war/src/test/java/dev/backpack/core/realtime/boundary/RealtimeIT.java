package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

/**
 * Realtime on one replica over real WebSockets against Payara Micro: what a frontend app sees.
 * The deployment has short timings and small limits so that timeouts and limits show quickly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealtimeIT {

  static final Duration QUIET = Duration.ofMillis(1500);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack(
        "rt",
        Map.ofEntries(
            Map.entry("backpack.realtime.auth-seconds", "3"),
            Map.entry("backpack.realtime.auth-grace-millis", "300"),
            Map.entry("backpack.realtime.ping-seconds", "1"),
            Map.entry("backpack.realtime.idle-seconds", "4"),
            Map.entry("backpack.realtime.session-check-seconds", "2"),
            Map.entry("backpack.realtime.frames-per-second", "20"),
            Map.entry("backpack.realtime.frame-burst", "40"),
            Map.entry("backpack.realtime.max-frame-bytes", "262144"),
            Map.entry("backpack.realtime.queue-bytes", "2097152"),
            Map.entry("backpack.realtime.max-subscriptions", "5"),
            // every test registers its own users from 127.0.0.1
            Map.entry("backpack.auth.registrations-per-address", "10000")));
  }

  @ArquillianResource URL base;

  URI ws() {
    return WsClient.realtime(base);
  }

  Api api() {
    return new Api(base);
  }

  static List<String> members(JsonObject presence) {
    return presence.getJsonArray("members").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  static String sub(JsonObject ack) {
    return ack.getString("sub");
  }

  // ---------------------------------------------------------------- authentication

  @Test
  void aSocketMayOnlyAuthenticateUntilItHas() {
    Accounts alice = Accounts.register(api());

    try (WsClient anonymous = WsClient.connect(ws())) {
      JsonObject refused = anonymous.error("{\"type\":\"subscribe\",\"collection\":\"todos\"}", 401);
      assertTrue(refused.getString("detail").contains("auth"), refused::toString);
      assertEquals(4401, anonymous.closed().code(), "closed after a short grace");
    }
    try (WsClient silent = WsClient.connect(ws())) {
      assertEquals(4401, silent.closed(Duration.ofSeconds(8)).code(), "no auth within 3 s");
    }
    try (WsClient forged = WsClient.connect(ws())) {
      forged.error("{\"type\":\"auth\",\"token\":\"forged-" + alice.token() + "\"}", 401);
      assertEquals(4401, forged.closed().code());
    }
    try (WsClient byFrame = WsClient.connect(ws())) {
      JsonObject ack = byFrame.ok("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
      assertEquals(alice.userId(), ack.getJsonObject("user").getString("id"));
      byFrame.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");
      byFrame.assertOpen();
    }
  }

  @Test
  void theSessionCookieAuthenticatesOnlyFromTheBackpacksOwnOrigin() {
    Accounts alice = Accounts.register(api());
    String cookie = "bp_session=" + alice.token();

    try (WsClient sameOrigin = WsClient.connect(ws(), "Cookie", cookie)) {
      sameOrigin.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");
    }
    try (WsClient ownPage = WsClient.connect(ws(), "Cookie", cookie, "Origin", "http://127.0.0.1:" + base.getPort())) {
      ownPage.ok("{\"type\":\"join\",\"channel\":\"lobby\"}");
    }
    try (WsClient foreign = WsClient.connect(ws(), "Cookie", cookie, "Origin", "http://evil.example")) {
      foreign.error("{\"type\":\"subscribe\",\"collection\":\"todos\"}", 401);
    }
    try (WsClient next = WsClient.connect(ws())) {
      next.error("{\"type\":\"ping\"}", 401);
    }
    try (WsClient bearer = WsClient.connect(ws(), "Authorization", "Bearer " + alice.token())) {
      bearer.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");
    }
  }

  @Test
  void aSocketTakesANewTokenOfItsUserButNotAnotherUsers() {
    Accounts alice = Accounts.register(api());
    Accounts bob = Accounts.register(api());
    String fresh =
        api()
            .post("/api/auth/login", "{\"email\":\"" + email(alice) + "\",\"password\":\"correct horse battery\"}")
            .json()
            .getString("token");
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      socket.error("{\"type\":\"auth\",\"token\":\"" + bob.token() + "\"}", 409);
      socket.ok("{\"type\":\"auth\",\"token\":\"" + fresh + "\"}");
      // the socket now belongs to the fresh session: ending the old one leaves it open
      assertEquals(204, alice.api().post("/api/auth/logout", null).status());
      socket.none(f -> false, QUIET);
      socket.assertOpen();
    }
  }

  String email(Accounts account) {
    return account.api().get("/api/auth/me").json().getJsonObject("user").getString("email");
  }

  @Test
  void endingASessionClosesItsSockets() throws Exception {
    Accounts alice = Accounts.register(api());
    String second =
        api()
            .post("/api/auth/login", "{\"email\":\"" + email(alice) + "\",\"password\":\"correct horse battery\"}")
            .json()
            .getString("token");
    try (WsClient loggedOut = WsClient.signedIn(ws(), alice.token());
        WsClient otherSession = WsClient.signedIn(ws(), second)) {
      assertEquals(204, alice.api().post("/api/auth/logout", null).status());
      assertEquals(4401, loggedOut.closed().code());
      otherSession.assertOpen();

      // a session that expires or is removed behind the server's back is found within seconds
      try (JedisPooled redis = new JedisPooled(new URI(TestBackends.redisUri()))) {
        redis.del("bp:rt:session:" + sha256(second));
      }
      assertEquals(4401, otherSession.closed(Duration.ofSeconds(8)).code());
    }

    Accounts bob = Accounts.register(api());
    try (WsClient one = WsClient.signedIn(ws(), bob.token());
        WsClient two = WsClient.signedIn(ws(), bob.token())) {
      assertEquals(204, api().asAdmin().delete("/api/admin/users/" + bob.userId()).status());
      assertEquals(4401, one.closed().code(), "a deleted user's sockets close");
      assertEquals(4401, two.closed().code());
    }
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- record subscriptions

  @Test
  void subscribersSeeRestWritesTheirFilterSelectsAndTheRulesLetThemRead() {
    Accounts alice = Accounts.register(api());
    Accounts bob = Accounts.register(api());
    assertEquals(
        201,
        alice.api()
            .post("/api/collections", "{\"name\":\"diaries\",\"rules\":{\"read\":\"owner\",\"list\":\"owner\"}}")
            .status());
    try (WsClient aliceSocket = WsClient.signedIn(ws(), alice.token());
        WsClient bobSocket = WsClient.signedIn(ws(), bob.token())) {
      String open = sub(aliceSocket.ok("{\"type\":\"subscribe\",\"collection\":\"diaries\",\"filter\":{\"done\":false}}"));
      String everything = sub(bobSocket.ok("{\"type\":\"subscribe\",\"collection\":\"diaries\"}"));

      JsonObject mine = alice.create("diaries", "{\"text\":\"secret\",\"done\":false}");
      alice.create("diaries", "{\"text\":\"finished\",\"done\":true}");
      JsonObject bobs = bob.create("diaries", "{\"text\":\"bob's\",\"done\":false}");

      JsonObject created = aliceSocket.next("change");
      assertEquals(open, created.getString("sub"));
      assertEquals("create", created.getString("op"));
      assertEquals(mine, created.getJsonObject("record"), "the record as REST shows it");
      JsonObject bobSees = bobSocket.next("change");
      assertEquals(everything, bobSees.getString("sub"));
      assertEquals(bobs.getString("id"), bobSees.getJsonObject("record").getString("id"));
      aliceSocket.none(f -> f.getString("type").equals("change"), QUIET);
      bobSocket.none(f -> f.getString("type").equals("change"), Duration.ZERO);

      // leaving the filter is a delete for that subscription; coming back an update
      String path = "/api/collections/diaries/records/" + mine.getString("id");
      alice.api().patch(path, "{\"done\":true}");
      JsonObject left = aliceSocket.next("change");
      assertEquals("delete", left.getString("op"));
      assertEquals(mine.getString("id"), left.getJsonObject("record").getString("id"));
      alice.api().patch(path, "{\"text\":\"still done\"}");
      aliceSocket.none(f -> f.getString("type").equals("change"), QUIET);
      alice.api().patch(path, "{\"done\":false}");
      assertEquals("update", aliceSocket.next("change").getString("op"));
      assertEquals(204, alice.api().delete(path).status());
      assertEquals("delete", aliceSocket.next("change").getString("op"));
      bobSocket.none(f -> f.getString("type").equals("change"), Duration.ZERO);

      // unsubscribe: nothing more
      aliceSocket.ok("{\"type\":\"unsubscribe\",\"sub\":\"" + open + "\"}");
      aliceSocket.error("{\"type\":\"unsubscribe\",\"sub\":\"" + open + "\"}", 404);
      alice.create("diaries", "{\"done\":false}");
      aliceSocket.none(f -> f.getString("type").equals("change"), QUIET);
    }
  }

  @Test
  void aSnapshotComesFirstThenChanges() {
    Accounts alice = Accounts.register(api());
    for (int i = 1; i <= 4; i++) {
      alice.create("shopping", "{\"item\":\"i" + i + "\",\"n\":" + i + "}");
    }
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      String sub =
          sub(socket.ok("{\"type\":\"subscribe\",\"collection\":\"shopping\",\"filter\":{\"n\":{\"$gte\":2}},\"snapshot\":true,\"limit\":2,\"sort\":\"n\"}"));
      JsonObject snapshot = socket.next();
      assertEquals("snapshot", snapshot.getString("type"));
      assertEquals(sub, snapshot.getString("sub"));
      assertEquals(List.of(2, 3), snapshot.getJsonArray("items").stream().map(v -> v.asJsonObject().getInt("n")).toList());
      assertFalse(snapshot.isNull("next"), "more than the limit: a cursor for REST");
      alice.create("shopping", "{\"item\":\"i5\",\"n\":5}");
      assertEquals(5, socket.next("change").getJsonObject("record").getInt("n"));

      socket.error("{\"type\":\"subscribe\",\"collection\":\"shopping\",\"snapshot\":true,\"limit\":0}", 400);
      socket.error("{\"type\":\"subscribe\",\"collection\":\"shopping\",\"sort\":\"$x\"}", 400);
    }
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      socket.ok("{\"type\":\"subscribe\",\"collection\":\"notyet\",\"snapshot\":true}");
      assertEquals(0, socket.next("snapshot").getJsonArray("items").size(), "a collection nobody wrote to yet");
      alice.create("notyet", "{\"first\":true}");
      assertTrue(socket.next("change").getJsonObject("record").getBoolean("first"));
    }
  }

  @Test
  void aRulesChangeReachesSubscribersWithinASecond() throws Exception {
    Accounts alice = Accounts.register(api());
    Accounts bob = Accounts.register(api());
    alice.api().post("/api/collections", "{\"name\":\"board\"}");
    try (WsClient bobSocket = WsClient.signedIn(ws(), bob.token())) {
      bobSocket.ok("{\"type\":\"subscribe\",\"collection\":\"board\"}");
      alice.create("board", "{\"note\":\"for everyone\"}");
      assertEquals("for everyone", bobSocket.next("change").getJsonObject("record").getString("note"));

      assertEquals(200, api().asAdmin().patch("/api/collections/board", "{\"rules\":{\"read\":\"owner\"}}").status());
      Thread.sleep(1_500);
      alice.create("board", "{\"note\":\"now private\"}");
      bob.create("board", "{\"note\":\"bob's own\"}");
      assertEquals("bob's own", bobSocket.next("change").getJsonObject("record").getString("note"));
      bobSocket.none(f -> f.getString("type").equals("change"), QUIET);
    }
  }

  @Test
  void writesThroughTheSocketReachSubscribersLikeRestWrites() {
    Accounts alice = Accounts.register(api());
    Accounts bob = Accounts.register(api());
    try (WsClient aliceSocket = WsClient.signedIn(ws(), alice.token());
        WsClient bobSocket = WsClient.signedIn(ws(), bob.token())) {
      bobSocket.ok("{\"type\":\"subscribe\",\"collection\":\"notes\"}");

      JsonObject record = aliceSocket.ok("{\"type\":\"create\",\"collection\":\"notes\",\"record\":{\"text\":\"a\",\"owner\":\"mallory\"}}").getJsonObject("record");
      assertEquals(alice.userId(), record.getString("owner"), "server fields are the server's");
      assertEquals(record, bobSocket.next("change").getJsonObject("record"));
      String id = record.getString("id");

      aliceSocket.ok("{\"type\":\"update\",\"collection\":\"notes\",\"record\":{\"id\":\"" + id + "\",\"text\":\"b\"}}");
      assertEquals("b", bobSocket.next("change").getJsonObject("record").getString("text"));
      JsonObject patched = aliceSocket.ok("{\"type\":\"patch\",\"collection\":\"notes\",\"record\":{\"id\":\"" + id + "\",\"extra\":1}}").getJsonObject("record");
      assertEquals("b", patched.getString("text"));
      assertEquals(1, bobSocket.next("change").getJsonObject("record").getInt("extra"));

      bobSocket.error("{\"type\":\"delete\",\"collection\":\"notes\",\"record\":{\"id\":\"" + id + "\"}}", 403);
      aliceSocket.error("{\"type\":\"update\",\"collection\":\"notes\",\"ifMatch\":\"\\\"" + id + "-1\\\"\",\"record\":{\"id\":\"" + id + "\"}}", 412);
      aliceSocket.error("{\"type\":\"create\",\"collection\":\"notes\",\"record\":{\"$set\":1}}", 400);
      aliceSocket.error("{\"type\":\"create\",\"collection\":\"users\",\"record\":{}}", 400);
      aliceSocket.error("{\"type\":\"update\",\"collection\":\"notes\",\"record\":{\"text\":\"no id\"}}", 400);

      aliceSocket.ok("{\"type\":\"delete\",\"collection\":\"notes\",\"record\":{\"id\":\"" + id + "\"}}");
      JsonObject deleted = bobSocket.next("change");
      assertEquals("delete", deleted.getString("op"));
      assertEquals(id, deleted.getJsonObject("record").getString("id"));
      assertEquals(404, alice.api().get("/api/collections/notes/records/" + id).status());
    }
  }

  @Test
  void changesOfOneRecordArriveInTheOrderTheyWereCommitted() throws Exception {
    Accounts alice = Accounts.register(api());
    String id = alice.create("counters", "{\"n\":0}").getString("id");
    Map<Integer, Integer> versionOfValue = new ConcurrentHashMap<>();
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      socket.ok("{\"type\":\"subscribe\",\"collection\":\"counters\"}");
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 1; i <= 15; i++) {
                    int value = writer * 100 + i;
                    Api.Reply reply;
                    do {
                      // as a client would: try again when others won every optimistic retry
                      reply = alice.api().patch("/api/collections/counters/records/" + id, "{\"n\":" + value + "}");
                    } while (reply.status() == 409);
                    assertEquals(200, reply.status(), reply::body);
                    String etag = reply.header("ETag");
                    versionOfValue.put(value, Integer.parseInt(etag.substring(etag.lastIndexOf('-') + 1, etag.length() - 1)));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      writers.shutdown();
      int last = versionOfValue.values().stream().max(Integer::compare).orElseThrow();
      assertEquals(61, last, "60 updates after the create");
      List<Integer> seen = new ArrayList<>();
      while (seen.isEmpty() || seen.get(seen.size() - 1) != last) {
        JsonObject change = socket.next("change");
        seen.add(versionOfValue.get(change.getJsonObject("record").getInt("n")));
      }
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i - 1) < seen.get(i), () -> "versions out of order: " + seen);
      }
    }
  }

  // ---------------------------------------------------------------- channels

  @Test
  void channelMembersGetMessagesAndPresence() {
    Accounts alice = Accounts.register(api());
    Accounts bob = Accounts.register(api());
    try (WsClient aliceSocket = WsClient.signedIn(ws(), alice.token());
        WsClient bobSocket = WsClient.signedIn(ws(), bob.token());
        WsClient aliceTab = WsClient.signedIn(ws(), alice.token())) {
      aliceSocket.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      assertEquals(List.of(alice.userId()), members(aliceSocket.next("presence")));

      bobSocket.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      List<String> both = new ArrayList<>(List.of(alice.userId(), bob.userId()));
      both.sort(null);
      assertEquals(both, members(bobSocket.next("presence")));
      assertEquals(both, members(aliceSocket.next("presence")));

      aliceTab.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      assertEquals(both, members(aliceTab.next("presence")), "the joiner learns who is there");
      bobSocket.none(f -> f.getString("type").equals("presence"), QUIET);

      aliceSocket.ok("{\"type\":\"publish\",\"channel\":\"room-1\",\"data\":{\"text\":\"hello\",\"n\":[1,2]}}");
      JsonObject message = bobSocket.next("message");
      assertEquals("room-1", message.getString("channel"));
      assertEquals(alice.userId(), message.getJsonObject("from").getString("userId"));
      assertEquals("hello", message.getJsonObject("data").getString("text"));
      assertEquals(message, aliceTab.next("message"));
      aliceSocket.none(f -> f.getString("type").equals("message"), Duration.ofMillis(300));

      bobSocket.error("{\"type\":\"publish\",\"channel\":\"room-2\",\"data\":1}", 403);
      bobSocket.ok("{\"type\":\"leave\",\"channel\":\"room-1\"}");
      assertEquals(List.of(alice.userId()), members(aliceSocket.next("presence")));
      aliceTab.close();
      aliceSocket.none(f -> f.getString("type").equals("presence"), QUIET);
    }
    try (WsClient aliceSocket = WsClient.signedIn(ws(), alice.token())) {
      aliceSocket.ok("{\"type\":\"join\",\"channel\":\"room-1\"}");
      assertEquals(List.of(alice.userId()), members(aliceSocket.next("presence")), "closed sockets left");
    }
  }

  // ---------------------------------------------------------------- bounded resources, hostile input

  @Test
  void hostileFramesGetErrorsAndTheSocketStaysOpen() {
    Accounts alice = Accounts.register(api());
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      socket.send("this is not JSON");
      assertEquals(400, socket.next("error").getInt("status"));
      socket.send("{\"id\":\"x1\",\"type\":\"launch-missiles\"}");
      JsonObject unknown = socket.next("error");
      assertEquals("x1", unknown.getString("id"));
      assertEquals(400, unknown.getInt("status"));
      JsonObject where = socket.error("{\"type\":\"subscribe\",\"collection\":\"todos\",\"filter\":{\"$where\":\"sleep(100)\"}}", 400);
      assertTrue(where.getString("detail").contains("$where"), where::toString);
      socket.error("{\"type\":\"subscribe\",\"collection\":\"todos\",\"filter\":{\"a\":{\"$regex\":\"(a+)+$\"}}}", 400);
      socket.error("{\"type\":\"subscribe\",\"collection\":\"todos\",\"filter\":[1]}", 400);
      socket.error("{\"type\":\"publish\",\"channel\":\"" + "x".repeat(200) + "\",\"data\":1}", 400);
      socket.send("{\"id\":\"deep\",\"type\":\"ping\",\"x\":" + "[".repeat(50) + "]".repeat(50) + "}");
      assertEquals(400, socket.next("error").getInt("status"));
      socket.sendBinary(new byte[] {1, 2, 3});
      assertEquals(415, socket.next("error").getInt("status"));
      socket.send("{\"type\":\"publish\",\"channel\":\"c\",\"data\":\"" + "x".repeat(300_000) + "\"}");
      JsonObject tooBig = socket.next("error");
      assertEquals(413, tooBig.getInt("status"), tooBig::toString);
      for (int i = 0; i < 5; i++) {
        socket.ok("{\"type\":\"subscribe\",\"collection\":\"c" + i + "\"}");
      }
      socket.error("{\"type\":\"subscribe\",\"collection\":\"c6\"}", 422);
      socket.assertOpen();
    }
    try (RawSocket raw = RawSocket.open(ws(), "Authorization: Bearer " + alice.token())) {
      raw.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
      RawSocket.Frame close = raw.readUntilClose(Duration.ofSeconds(10), new ArrayList<>());
      assertNotNull(close, "over the hard limit the container closes the socket");
      assertEquals(1009, close.closeCode());
    }
  }

  @Test
  void aFloodOfFramesIsRefusedThenTheSocketIsClosed() throws Exception {
    Accounts alice = Accounts.register(api());
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      for (int i = 0; i < 80; i++) {
        socket.send("{\"type\":\"ping\"}");
      }
      JsonObject refused = socket.next("error");
      assertEquals(429, refused.getInt("status"), refused::toString);
      socket.none(f -> false, Duration.ofMillis(500));
      long pongs = socket.drain().stream().filter(f -> f.getString("type").equals("pong")).count();
      assertTrue(pongs >= 40 && pongs < 80, "the burst of 40 passed, not all: " + pongs);
      // then lock-step, as fast as the server answers: each frame's answer (or the close) comes
      // before the next frame, so the client never writes into a connection the server closed
      int refusedMore = 0;
      for (int i = 0; i < 1000; i++) {
        socket.send("{\"type\":\"ping\"}");
        JsonObject answer = socket.nextOrClosed(Duration.ofSeconds(5));
        if (answer == null) {
          break;
        }
        refusedMore += answer.getString("type").equals("error") ? 1 : 0;
      }
      assertTrue(refusedMore > 10, "refused before the close: " + refusedMore);
      assertEquals(4429, socket.closed().code());
    }
  }

  @Test
  void aSlowConsumerIsClosedInsteadOfGrowingMemory() throws Exception {
    Accounts alice = Accounts.register(api());
    Accounts slowpoke = Accounts.register(api());
    try (WsClient sender = WsClient.signedIn(ws(), alice.token());
        RawSocket slow = RawSocket.open(ws(), "Authorization: Bearer " + slowpoke.token())) {
      // a client that never reads (nor writes: the server may stop reading a socket whose writes
      // are backed up): what the server sends piles up in TCP buffers, then in its queue
      slow.sendText("{\"type\":\"join\",\"channel\":\"firehose\"}");
      sender.ok("{\"type\":\"join\",\"channel\":\"firehose\"}");
      sender.next(f -> f.getString("type").equals("presence") && members(f).size() == 2);
      sender.drain();
      String chunk = "y".repeat(250_000);
      boolean left = false;
      long started = System.nanoTime();
      int published = 0;
      for (int i = 0; i < 300 && !left; i++, published++) {
        if (i >= 35) {
          // after its burst, the sender stays within its rate
          Thread.sleep(55);
        }
        sender.ok("{\"type\":\"publish\",\"channel\":\"firehose\",\"data\":\"" + chunk + "\"}");
        left = sender.drain().stream()
            .anyMatch(f -> f.getString("type").equals("presence") && members(f).equals(List.of(alice.userId())));
      }
      assertTrue(left, "the slow socket was closed: it left the channel");
      RawSocket.Frame close = slow.readUntilClose(Duration.ofSeconds(30), new ArrayList<>());
      assertNotNull(close, "a close frame after what was already in the buffers");
      String when = published + " messages, " + (System.nanoTime() - started) / 1_000_000 + " ms";
      assertEquals(4001, close.closeCode(), () -> "closed after " + when);
      assertTrue(published > 5, "the socket took what fits in kernel buffers and its queue: " + when);
      sender.assertOpen();
    }
  }

  @Test
  void idleSocketsArePingedAndReaped() throws Exception {
    Accounts alice = Accounts.register(api());
    try (WsClient answering = WsClient.signedIn(ws(), alice.token());
        RawSocket deaf = RawSocket.open(ws(), "Authorization: Bearer " + alice.token())) {
      List<Integer> opcodes = new ArrayList<>();
      RawSocket.Frame close = deaf.readUntilClose(Duration.ofSeconds(10), opcodes);
      assertNotNull(close, () -> "no close; frames " + opcodes);
      assertEquals(4408, close.closeCode());
      assertTrue(opcodes.contains(RawSocket.PING), "pinged before being reaped: " + opcodes);
      answering.assertOpen();
    }
  }
}
