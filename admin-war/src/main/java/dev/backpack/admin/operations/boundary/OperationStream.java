package dev.backpack.admin.operations.boundary;

import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.operations.control.OperationFeed;
import dev.backpack.admin.operations.control.Operations;
import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Step;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;

/**
 * One SSE stream of one operation. Watches first, then replays the stored steps, so no step falls
 * between the replay and the live feed; a step is sent once (by seq), whichever path brings it.
 */
final class OperationStream implements OperationFeed.Watcher {

  private final OperationFeed feed;
  private final Operations operations;
  private final Account viewer;
  private final UUID id;
  private final SseEventSink sink;
  private final Sse sse;
  private int sent;
  private boolean ended;

  OperationStream(OperationFeed feed, Operations operations, Account viewer, UUID id, int after, SseEventSink sink, Sse sse) {
    this.feed = feed;
    this.operations = operations;
    this.viewer = viewer;
    this.id = id;
    this.sent = after;
    this.sink = sink;
    this.sse = sse;
  }

  void open() {
    feed.watch(id, this);
    Operation now = operations.readable(viewer, id.toString());
    now.steps().forEach(this::step);
    if (now.finished()) {
      end(now);
    }
  }

  @Override
  public synchronized void step(Step step) {
    if (ended || step.seq() <= sent || sink.isClosed()) {
      if (sink.isClosed()) {
        feed.unwatch(id, this);
      }
      return;
    }
    sent = step.seq();
    sink.send(sse.newEventBuilder().name("step").id(Integer.toString(step.seq())).mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, OperationsResource.stepJson(step)).build());
  }

  @Override
  public synchronized void end(Operation operation) {
    if (ended) {
      return;
    }
    // steps recorded after the replay's read but before the end: from the store, in order
    Operation complete = operations.readable(viewer, id.toString());
    complete.steps().forEach(this::step);
    ended = true;
    feed.unwatch(id, this);
    if (!sink.isClosed()) {
      sink.send(sse.newEventBuilder().name("end").mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, complete.toJson(false).toString()).build())
          .whenComplete((ok, failure) -> sink.close());
    }
  }
}
