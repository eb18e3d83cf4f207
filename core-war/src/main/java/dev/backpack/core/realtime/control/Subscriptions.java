package dev.backpack.core.realtime.control;

import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.CollectionNames;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.realtime.entity.ClientFrame;
import dev.backpack.core.realtime.entity.CloseCodes;
import dev.backpack.core.realtime.entity.ServerFrames;
import dev.backpack.core.records.control.RecordFilter;
import dev.backpack.core.records.control.RecordMatcher;
import dev.backpack.core.records.control.RecordStore;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.RecordChanged;
import dev.backpack.core.records.entity.RecordPage;
import dev.backpack.core.records.entity.StoredRecord;
import dev.backpack.core.rules.control.RuleEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * Record subscriptions: every record change, made here (REST or socket) or on another replica,
 * goes to each subscription of its collection whose filter matches and whose socket may {@code
 * read} the record under the collection's rules now, checked per subscriber and per change.
 *
 * <p>Leaving a filter: an {@code update} whose new version no longer matches (or is no longer
 * readable) while the version it replaced did reaches the subscriber as a {@code delete} of that
 * record, so a client's list stays what the filter selects. A record that starts to match arrives
 * as an {@code update}; clients treat {@code update} as "insert or replace".
 *
 * <p>Order: changes are dispatched on a lane per record and pass a {@link VersionGate}, so one
 * subscriber sees the changes of one record in commit order (a stale, overtaken version is
 * dropped rather than delivered late).
 */
@ApplicationScoped
public class Subscriptions {

  private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());
  static final int MAX_SNAPSHOT = 1000;

  @Inject RealtimeSettings settings;
  @Inject RecordStore records;
  @Inject CollectionStore collections;
  @Inject RulesCache rules;
  @Inject RedisBus bus;
  @Inject Workers workers;
  @Inject Connections connections;

  private final Map<String, Set<Subscription>> byCollection = new ConcurrentHashMap<>();
  private final VersionGate gate = new VersionGate(100_000);

  public void subscribe(Connection c, ClientFrame frame) {
    String collection = CollectionNames.require(frame.requireString("collection"));
    Document filter = frame.object("filter", false);
    Document translated = RecordFilter.translate(filter == null ? new Document() : filter);
    RecordMatcher matcher = RecordMatcher.compile(translated);
    boolean snapshot = frame.flag("snapshot");
    int limit = frame.number("limit", settings.snapshotLimit(), 1, MAX_SNAPSHOT);
    Sorting sorting = Sorting.parse(frame.optionalString("sort"));
    if (c.subscriptions.size() >= settings.maxSubscriptions()) {
      throw Failures.of(
          422,
          "limit",
          "Unprocessable Content",
          "A socket may hold at most " + settings.maxSubscriptions() + " subscriptions.");
    }
    Optional<CollectionInfo> info = collections.find(collection);
    if (info.isPresent()
        && info.get().rules().read().equals("admin")
        && !c.caller.admin()) {
      throw ProblemException.forbidden("Only the backpack admin may read records of " + collection + ".");
    }
    String id = "s" + c.nextSubscription.incrementAndGet();
    Subscription s =
        new Subscription(id, c, collection, matcher, snapshot, settings.queueFrames());
    c.subscriptions.put(id, s);
    byCollection.computeIfAbsent(collection, k -> ConcurrentHashMap.newKeySet()).add(s);
    if (c.closed.get()) {
      // closed while subscribing: its clean-up may have run before the subscription existed
      drop(s);
      return;
    }
    String ack = ServerFrames.ack(frame.id(), Map.of("sub", id));
    if (!snapshot) {
      c.send(ack);
      return;
    }
    Caller caller = c.caller;
    workers.execute(
        () -> {
          try {
            snapshot(s, caller, info.isPresent(), translated, sorting, limit, ack);
          } catch (RuntimeException e) {
            drop(s);
            connections.fail(c, frame.id(), e);
          }
        });
  }

  private void snapshot(
      Subscription s,
      Caller caller,
      boolean exists,
      Document filter,
      Sorting sorting,
      int limit,
      String ack) {
    if (!s.active()) {
      return;
    }
    RecordPage page =
        exists || collections.find(s.collection).isPresent()
            ? records.list(
                caller, s.collection, new RecordStore.ListQuery(filter, sorting, limit, null, false))
            : new RecordPage(List.of(), null, null);
    Rules now = rules.of(s.collection).orElse(Rules.DEFAULT);
    Map<String, Integer> versions = new HashMap<>();
    List<Map<String, Object>> items =
        page.items().stream()
            .filter(r -> RuleEvaluator.allows(now, "read", caller, r.owner()))
            .peek(r -> versions.put(r.id(), r.version()))
            .map(StoredRecord::toJsonMap)
            .toList();
    s.snapshotReady(ack, ServerFrames.snapshot(s.id, items, page.next()), versions);
  }

  public void unsubscribe(Connection c, ClientFrame frame) {
    String id = frame.requireString("sub");
    Subscription s = c.subscriptions.get(id);
    if (s == null) {
      throw ProblemException.notFound("There is no subscription '" + id + "' on this socket.");
    }
    drop(s);
    c.send(ServerFrames.ack(frame.id()));
  }

  /** Ends every subscription of a closing socket. */
  void dropAll(Connection c) {
    for (Subscription s : List.copyOf(c.subscriptions.values())) {
      drop(s);
    }
  }

  private void drop(Subscription s) {
    s.end();
    s.connection.subscriptions.remove(s.id);
    byCollection.computeIfPresent(
        s.collection,
        (k, set) -> {
          set.remove(s);
          return set.isEmpty() ? null : set;
        });
  }

  /** A write on this replica: tell the other replicas, then serve local subscribers. */
  void onRecordChanged(@Observes RecordChanged change) {
    try {
      Document body =
          new Document("c", change.collection())
              .append("op", change.op())
              .append("r", change.record().toDocument());
      if (change.previous() != null) {
        body.append("p", change.previous().toDocument());
      }
      bus.publish("record", body);
      dispatch(change);
    } catch (RuntimeException e) {
      // a write has happened whatever realtime makes of it
      LOG.log(Level.WARNING, "realtime: dispatching a change failed", e);
    }
  }

  /** A write on another replica. */
  void onBus(@Observes RedisBus.Message message) {
    if (!message.type().equals("record")) {
      return;
    }
    Document body = message.body();
    Document previous = body.get("p", Document.class);
    dispatch(
        new RecordChanged(
            body.getString("c"),
            body.getString("op"),
            StoredRecord.fromDocument(body.get("r", Document.class)),
            previous == null ? null : StoredRecord.fromDocument(previous)));
  }

  void dispatch(RecordChanged change) {
    if (!byCollection.containsKey(change.collection())) {
      return;
    }
    workers.lane(change.record().id()).execute(() -> deliver(change));
  }

  /** Sends one change to every subscription it concerns (runs on the record's lane). */
  void deliver(RecordChanged change) {
    StoredRecord record = change.record();
    boolean delete = change.op().equals("delete");
    if (!gate.pass(change.collection(), record.id(), record.version(), delete)) {
      return;
    }
    Set<Subscription> subscribers = byCollection.get(change.collection());
    if (subscribers == null || subscribers.isEmpty()) {
      return;
    }
    Optional<Rules> known = rules.of(change.collection());
    if (known.isEmpty()) {
      LOG.warning("realtime: rules of " + change.collection() + " unknown; change not delivered");
      return;
    }
    Rules now = known.get();
    Document stored = record.toDocument();
    Document before = change.previous() == null ? null : change.previous().toDocument();
    String json = null;
    for (Subscription s : subscribers) {
      Caller caller = s.connection.caller;
      if (caller == null) {
        continue;
      }
      boolean readable = RuleEvaluator.allows(now, "read", caller, record.owner());
      boolean matches = readable && s.matcher.matches(stored);
      String op;
      if (matches) {
        op = change.op();
      } else if (change.op().equals("update")
          && before != null
          && RuleEvaluator.allows(now, "read", caller, change.previous().owner())
          && s.matcher.matches(before)) {
        op = "delete";
      } else {
        continue;
      }
      if (json == null) {
        json = JsonWriter.write(record.toJsonMap());
      }
      String frame = ServerFrames.change(s.id, op, json);
      if (!s.deliver(record.id(), record.version(), op.equals("delete"), frame)) {
        if (s.connection.closed.get()) {
          drop(s);
          continue;
        }
        connections.close(
            s.connection,
            CloseCodes.SLOW_CONSUMER,
            "slow consumer: more than " + settings.queueFrames() + " changes waiting");
      }
    }
  }
}
