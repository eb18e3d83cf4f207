package dev.backpack.core.realtime.control;

import static dev.backpack.core.realtime.control.Sockets.clear;
import static dev.backpack.core.realtime.control.Sockets.frame;
import static dev.backpack.core.realtime.control.Sockets.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channels on a replica whose Redis is away (the views of other replicas are fed in by hand as
 * if they came over Redis): presence on join and on every change, messages with their sender.
 */
class ChannelsTest {

  Channels cut = new Channels();
  List<Document> published = new ArrayList<>();

  Connection alice = Sockets.of("alice");
  Connection aliceToo = Sockets.of("alice");
  Connection bob = Sockets.of("bob");

  @BeforeEach
  void wire() {
    cut.settings = new RealtimeSettings();
    cut.settings.maxChannels = 2;
    cut.bus =
        new RedisBus() {
          @Override
          public void publish(String type, Document body) {
            published.add(new Document("t", type).append("body", body));
          }
        };
  }

  @Test
  void membersSeePresenceOnJoinAndOnEveryChange() {
    cut.join(alice, frame("{type: 'join', channel: 'room-1', id: 1}"));
    assertEquals(List.of("ack", "presence:[alice]"), summary(alice));
    clear(alice);

    cut.join(bob, frame("{type: 'join', channel: 'room-1'}"));
    assertEquals(List.of("ack", "presence:[alice, bob]"), summary(bob));
    assertEquals(List.of("presence:[alice, bob]"), summary(alice));
    clear(alice);
    clear(bob);

    cut.join(aliceToo, frame("{type: 'join', channel: 'room-1'}"));
    assertEquals(List.of("ack", "presence:[alice, bob]"), summary(aliceToo), "the joiner always learns");
    assertEquals(List.of(), summary(bob), "alice was a member already: no change");

    cut.leaveAll(bob);
    assertEquals(List.of("presence:[alice]"), summary(alice));
    cut.leave(alice, frame("{type: 'leave', channel: 'room-1'}"));
    assertEquals(List.of("presence:[alice]", "ack"), summary(alice), "alice is still in with another socket");
  }

  @Test
  void aMessageReachesTheOtherMembersWithItsSender() {
    cut.join(alice, frame("{type: 'join', channel: 'room-1'}"));
    cut.join(aliceToo, frame("{type: 'join', channel: 'room-1'}"));
    cut.join(bob, frame("{type: 'join', channel: 'room-1'}"));
    clear(alice);
    clear(aliceToo);
    clear(bob);

    cut.publish(alice, frame("{type: 'publish', channel: 'room-1', data: {text: 'hi'}}"));

    assertEquals(List.of("ack"), summary(alice), "not echoed to the sending socket");
    assertEquals(List.of("message:alice:{\"text\":\"hi\"}"), summary(aliceToo));
    assertEquals(List.of("message:alice:{\"text\":\"hi\"}"), summary(bob));
    assertEquals("message", published.get(published.size() - 1).getString("t"), "and to the other replicas");
  }

  @Test
  void publishingNeedsMembershipAndData() {
    assertEquals(
        403,
        assertThrows(ProblemException.class, () -> cut.publish(alice, frame("{type: 'publish', channel: 'room-1', data: 1}")))
            .status());
    cut.join(alice, frame("{type: 'join', channel: 'room-1'}"));
    assertEquals(
        400,
        assertThrows(ProblemException.class, () -> cut.publish(alice, frame("{type: 'publish', channel: 'room-1'}")))
            .status());
    assertEquals(
        400,
        assertThrows(ProblemException.class, () -> cut.join(alice, frame("{type: 'join', channel: 'bad name!'}")))
            .status());
    cut.join(alice, frame("{type: 'join', channel: 'room-2'}"));
    assertEquals(
        422,
        assertThrows(ProblemException.class, () -> cut.join(alice, frame("{type: 'join', channel: 'room-3'}")))
            .status(),
        "at most 2 channels per socket here");
  }

  @Test
  void theNewestViewOfTheReplicasWinsWhateverOrderItArrivesIn() {
    cut.join(alice, frame("{type: 'join', channel: 'room-1'}"));
    clear(alice);
    String mine = Channels.field(cut.bus.replicaId(), alice);

    cut.onBus(presence(7, Map.of(mine, "alice", "other/c1", "carol")));
    cut.onBus(presence(5, Map.of(mine, "alice", "other/c1", "carol", "other/c2", "dave")));
    cut.onBus(presence(8, Map.of(mine, "alice")));

    assertEquals(List.of("presence:[alice, carol]", "presence:[alice]"), summary(alice), "view 5 came late");
  }

  @Test
  void withoutRedisAReplicaKeepsTheOthersMembersAndUpdatesItsOwn() {
    cut.join(alice, frame("{type: 'join', channel: 'room-1'}"));
    cut.onBus(presence(3, Map.of(Channels.field(cut.bus.replicaId(), alice), "alice", "other/c1", "carol")));
    clear(alice);

    cut.join(bob, frame("{type: 'join', channel: 'room-1'}"));

    assertEquals(List.of("presence:[alice, bob, carol]"), summary(alice));
  }

  static RedisBus.Message presence(long seq, Map<String, String> entries) {
    Document members = new Document();
    entries.forEach(members::append);
    return new RedisBus.Message(
        "presence", new Document("t", "presence").append("c", "room-1").append("s", seq).append("m", members));
  }
}
