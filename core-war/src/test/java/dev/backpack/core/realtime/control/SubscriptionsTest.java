package dev.backpack.core.realtime.control;

import static dev.backpack.core.realtime.control.Sockets.clear;
import static dev.backpack.core.realtime.control.Sockets.frame;
import static dev.backpack.core.realtime.control.Sockets.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.records.entity.RecordChanged;
import dev.backpack.core.records.entity.StoredRecord;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which subscriber sees which change: filters, rules per subscriber, leaving a filter, order. */
class SubscriptionsTest {

  Subscriptions cut = new Subscriptions();
  Rules rules = new Rules("signedIn", "owner", "signedIn", "owner", "owner");

  Connection alice = Sockets.of("alice");
  Connection bob = Sockets.of("bob");

  @BeforeEach
  void wire() {
    cut.settings = new RealtimeSettings();
    cut.settings.queueFrames = 5;
    cut.settings.maxSubscriptions = 2;
    cut.settings.snapshotLimit = 100;
    cut.rules =
        new RulesCache() {
          @Override
          public Optional<Rules> of(String collection) {
            return Optional.of(rules);
          }
        };
    cut.collections =
        new CollectionStore() {
          @Override
          public Optional<CollectionInfo> find(String name) {
            return Optional.of(new CollectionInfo(name, rules, new Date()));
          }
        };
    cut.workers =
        new Workers() {
          @Override
          public void execute(Runnable task) {
            // snapshots are sent by the test itself
          }
        };
    cut.connections = new Connections();
    cut.connections.subscriptions = cut;
    cut.connections.channels = new Channels();
  }

  static StoredRecord record(String id, String owner, int version, String data) {
    return new StoredRecord(id, owner, new Date(0), new Date(version), version, Document.parse(data));
  }

  String subscribe(Connection c, String json) {
    cut.subscribe(c, frame(json));
    String sub = Sockets.sent(c).get(Sockets.sent(c).size() - 1).getString("sub");
    clear(c);
    return sub;
  }

  @Test
  void eachSubscriberSeesWhatItsFilterSelectsAndItMayRead() {
    subscribe(alice, "{type: 'subscribe', collection: 'todos', filter: {done: false}}");
    subscribe(bob, "{type: 'subscribe', collection: 'todos'}");

    cut.deliver(new RecordChanged("todos", "create", record("a1", "alice", 1, "{done: false}")));
    cut.deliver(new RecordChanged("todos", "create", record("a2", "alice", 1, "{done: true}")));
    cut.deliver(new RecordChanged("todos", "create", record("b1", "bob", 1, "{done: false}")));

    assertEquals(List.of("change:create:a1"), summary(alice), "own, matching records only");
    assertEquals(List.of("change:create:b1"), summary(bob), "the owner rule hides alice's records");
  }

  @Test
  void publicRecordsReachEveryMatchingSubscriber() {
    rules = new Rules("public", "public", "signedIn", "owner", "owner");
    subscribe(alice, "{type: 'subscribe', collection: 'todos', filter: {tags: 'x'}}");
    subscribe(bob, "{type: 'subscribe', collection: 'todos', filter: {'$not': {tags: 'x'}}}");

    cut.deliver(new RecordChanged("todos", "create", record("b1", "bob", 1, "{tags: ['x', 'y']}")));

    assertEquals(List.of("change:create:b1"), summary(alice));
    assertEquals(List.of(), summary(bob));
  }

  @Test
  void aRecordLeavingTheFilterArrivesAsDeleteAndEnteringAsUpdate() {
    subscribe(alice, "{type: 'subscribe', collection: 'todos', filter: {done: false}}");
    StoredRecord open = record("a1", "alice", 1, "{done: false}");
    StoredRecord done = record("a1", "alice", 2, "{done: true}");
    StoredRecord doneAgain = record("a1", "alice", 3, "{done: true, note: 'x'}");
    StoredRecord reopened = record("a1", "alice", 4, "{done: false}");

    cut.deliver(new RecordChanged("todos", "create", open));
    cut.deliver(new RecordChanged("todos", "update", done, open));
    cut.deliver(new RecordChanged("todos", "update", doneAgain, done));
    cut.deliver(new RecordChanged("todos", "update", reopened, doneAgain));
    cut.deliver(new RecordChanged("todos", "delete", reopened));

    assertEquals(
        List.of("change:create:a1", "change:delete:a1", "change:update:a1", "change:delete:a1"),
        summary(alice));
  }

  @Test
  void anOvertakenVersionIsNeverDeliveredAfterANewerOne() {
    subscribe(alice, "{type: 'subscribe', collection: 'todos'}");
    cut.deliver(new RecordChanged("todos", "update", record("a1", "alice", 3, "{n: 3}")));
    cut.deliver(new RecordChanged("todos", "update", record("a1", "alice", 2, "{n: 2}")));
    cut.deliver(new RecordChanged("todos", "update", record("a1", "alice", 4, "{n: 4}")));

    List<Integer> seen =
        Sockets.sent(alice).stream().map(f -> f.getJsonObject("record").getInt("n")).toList();
    assertEquals(List.of(3, 4), seen);
  }

  @Test
  void changesWaitingForTheSnapshotFollowItWithoutDuplicates() {
    cut.subscribe(alice, frame("{type: 'subscribe', collection: 'todos', snapshot: true}"));
    Subscription s = alice.subscriptions.values().iterator().next();
    cut.deliver(new RecordChanged("todos", "update", record("a1", "alice", 2, "{n: 2}")));
    cut.deliver(new RecordChanged("todos", "create", record("a2", "alice", 1, "{n: 1}")));
    cut.deliver(new RecordChanged("todos", "delete", record("a3", "alice", 1, "{n: 1}")));
    assertEquals(List.of(), summary(alice), "nothing before the snapshot");

    s.snapshotReady("{\"type\":\"ack\"}", "{\"type\":\"snapshot\",\"items\":[]}", Map.of("a1", 2, "a3", 1));

    assertEquals(
        List.of("ack", "snapshot:0", "change:create:a2", "change:delete:a3"),
        summary(alice),
        "a1 version 2 is in the snapshot already; a delete always passes");
  }

  @Test
  void aSubscriberThatDoesNotReadIsClosedAsSlowConsumer() {
    FakeTransport stuck = new FakeTransport();
    stuck.completeAtOnce = false;
    Connection slow = Sockets.of("alice", stuck, 5);
    cut.subscribe(slow, frame("{type: 'subscribe', collection: 'todos'}"));
    for (int i = 1; i <= 10; i++) {
      cut.deliver(new RecordChanged("todos", "create", record("a" + i, "alice", 1, "{}")));
    }
    assertEquals(4001, stuck.closeCode);
    assertEquals(Map.of(), slow.subscriptions, "its subscriptions are gone");
  }

  @Test
  void subscribeValidatesWithTheRecordFilterLanguage() {
    ProblemException where =
        assertThrows(
            ProblemException.class,
            () -> cut.subscribe(alice, frame("{type: 'subscribe', collection: 'todos', filter: {'$where': 'x'}}")));
    assertEquals(400, where.status());
    assertThrows(ProblemException.class, () -> cut.subscribe(alice, frame("{type: 'subscribe', collection: 'users'}")));
    subscribe(alice, "{type: 'subscribe', collection: 'todos'}");
    subscribe(alice, "{type: 'subscribe', collection: 'notes'}");
    assertEquals(
        422,
        assertThrows(ProblemException.class, () -> cut.subscribe(alice, frame("{type: 'subscribe', collection: 'more'}")))
            .status(),
        "at most 2 subscriptions per socket here");
  }

  @Test
  void anAdminOnlyCollectionCannotBeFollowed() {
    rules = new Rules("admin", "admin", "admin", "admin", "admin");
    assertEquals(
        403,
        assertThrows(ProblemException.class, () -> cut.subscribe(alice, frame("{type: 'subscribe', collection: 'secrets'}")))
            .status());
  }
}
