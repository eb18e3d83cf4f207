package dev.backpack.core.realtime.control;

import dev.backpack.core.realtime.entity.ClientFrame;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outgoing queue of one socket: frames are sent one at a time, in the order they were
 * offered; the queue is bounded by frames and bytes (a single frame over the byte limit may wait
 * alone, so a large snapshot still reaches a client that reads). A client that does not read fills it, and
 * then {@code overflow} runs (the socket is closed as a slow consumer) instead of memory growing.
 */
final class Outbox {

  private final Transport transport;
  private final int maxFrames;
  private final long maxBytes;
  private final Runnable overflow;
  private final java.util.function.Consumer<Throwable> failed;

  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private boolean closed;

  Outbox(
      Transport transport,
      int maxFrames,
      long maxBytes,
      Runnable overflow,
      java.util.function.Consumer<Throwable> failed) {
    this.transport = transport;
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
    this.overflow = overflow;
    this.failed = failed;
  }

  /** Queues a frame; false (and {@code overflow} called once) when the queue is full. */
  boolean offer(String frame) {
    long bytes = ClientFrame.utf8Length(frame);
    boolean overflowed = false;
    boolean start = false;
    synchronized (this) {
      if (closed) {
        return false;
      }
      // one frame larger than the byte limit (a big snapshot) may wait alone
      if (queue.size() >= maxFrames || (!queue.isEmpty() && queuedBytes + bytes > maxBytes)) {
        closed = true;
        queue.clear();
        queuedBytes = 0;
        overflowed = true;
      } else {
        queue.add(frame);
        queuedBytes += bytes;
        if (!sending) {
          sending = true;
          start = true;
        }
      }
    }
    if (overflowed) {
      overflow.run();
      return false;
    }
    if (start) {
      pump();
    }
    return true;
  }

  /** Frames waiting, for tests and stats. */
  synchronized int size() {
    return queue.size();
  }

  /** Drops what is queued; later offers are refused. */
  void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
  }

  /**
   * Sends queued frames one after another. A send that completes on the calling thread continues
   * the loop here instead of recursing, so a fast socket never deepens the stack.
   */
  private void pump() {
    while (true) {
      String next;
      synchronized (this) {
        next = closed ? null : queue.poll();
        if (next == null) {
          sending = false;
          return;
        }
        queuedBytes -= ClientFrame.utf8Length(next);
      }
      // 0 = in flight, 1 = completed before send() returned, 2 = send() returned first
      AtomicInteger state = new AtomicInteger();
      transport.send(
          next,
          failure -> {
            if (failure != null) {
              close();
              synchronized (this) {
                sending = false;
              }
              failed.accept(failure);
              return;
            }
            if (!state.compareAndSet(0, 1)) {
              pump();
            }
          });
      if (state.compareAndSet(0, 2)) {
        return;
      }
    }
  }
}
