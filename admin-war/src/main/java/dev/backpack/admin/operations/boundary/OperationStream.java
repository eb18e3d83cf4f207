package dev.backpack.admin.operations.boundary;

import dev.backpack.admin.operations.control.OperationFeed;
import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Step;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One SSE stream of one operation. Watches, then replays the stored steps, both under the stream's
 * lock: a live step that comes while the replay runs waits for it, so steps go out in order, each
 * once (by seq), whichever path brings it. (Without the lock a live step could overtake the replay
 * and the steps before it would count as sent.)
 */
final class OperationStream implements OperationFeed.Watcher {

  /** Where the stream's events go: the SSE sink (see {@link #to}). */
  interface Out {
    boolean closed();

    void step(Step step);

    /** The last event; the stream closes after it. */
    void end(Operation operation);
  }

  private final OperationFeed feed;
  private final UUID id;
  private final Supplier<Operation> stored;
  private final Out out;
  private int sent;
  private boolean ended;

  /**
   * @param stored reads the operation with its steps from the store (as the viewer may)
   * @param after the last seq the client has ({@code Last-Event-ID}), 0 for none
   */
  OperationStream(OperationFeed feed, UUID id, Supplier<Operation> stored, int after, Out out) {
    this.feed = feed;
    this.id = id;
    this.stored = stored;
    this.sent = after;
    this.out = out;
  }

  static Out to(SseEventSink sink, Sse sse) {
    return new Out() {
      @Override
      public boolean closed() {
        return sink.isClosed();
      }

      @Override
      public void step(Step step) {
        sink.send(sse.newEventBuilder().name("step").id(Integer.toString(step.seq())).mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, OperationsResource.stepJson(step)).build());
      }

      @Override
      public void end(Operation operation) {
        sink.send(sse.newEventBuilder().name("end").mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, operation.toJson(false).toString()).build())
            .whenComplete((ok, failure) -> sink.close());
      }
    };
  }

  synchronized void open() {
    feed.watch(id, this);
    try {
      Operation now = stored.get();
      now.steps().forEach(this::step);
      if (now.finished()) {
        end(now);
      }
    } catch (RuntimeException e) {
      feed.unwatch(id, this);
      throw e;
    }
  }

  @Override
  public synchronized void step(Step step) {
    if (out.closed()) {
      feed.unwatch(id, this);
      return;
    }
    if (ended || step.seq() <= sent) {
      return;
    }
    sent = step.seq();
    out.step(step);
  }

  @Override
  public synchronized void end(Operation operation) {
    if (ended) {
      return;
    }
    // the ended operation as stored, with every step: those after the last one sent go first
    operation.steps().forEach(this::step);
    ended = true;
    feed.unwatch(id, this);
    if (!out.closed()) {
      out.end(operation);
    }
  }
}
