package dev.backpack.core.realtime.control;

import dev.backpack.core.realtime.entity.ClientFrame;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The outgoing side of one socket: everything written to the client goes through here, in order,
 * with bounded memory, and never blocks the thread that offers a frame.
 *
 * <p>Why: Tyrus in Payara writes in blocking mode; a write to a client that does not read waits
 * until the kernel buffers drain, holding Tyrus's writer lock (which also stops that socket's
 * reads). So all writes (frames, pings, the close) run on {@code writer} threads, never on a
 * request, socket or dispatch thread; and at most {@code window} bytes may be written and not yet
 * confirmed by the client, which keeps writes within what the kernel buffers take, so they do not
 * block in practice.
 *
 * <p>Confirmation: the client answers a ping sent after those bytes; its pong can only come once it
 * has read everything before the ping (a browser answers pings by itself). Ping payloads are
 * random, so a client cannot confirm what it has not read. When the window is full the outbox
 * pings and keeps further frames in its queue; when the queue exceeds {@code maxFrames} or {@code
 * maxBytes}, {@code overflow} runs (the socket is closed as a slow consumer). Memory per socket
 * stays within {@code maxBytes + window}, plus one frame larger than the window (a big snapshot
 * goes out when nothing else is unconfirmed).
 */
final class Outbox {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final int MAX_PINGS = 16;

  private record Item(String frame, long bytes) {}

  private final Transport transport;
  private final int maxFrames;
  private final long maxBytes;
  private final long window;
  private final Executor writer;
  private final Runnable overflow;
  private final Consumer<Throwable> failed;

  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private long queuedBytes;
  /** A writer runs the pump (or is about to). */
  private boolean pumping;
  private boolean closed;
  private boolean pingWanted;
  /** Bytes handed to the transport, and of those, bytes the client proved it read. */
  private long sentBytes;
  private long confirmedBytes;
  /** Pings not answered yet: {payload, sentBytes when it was sent}, oldest first. */
  private final ArrayDeque<long[]> pings = new ArrayDeque<>();

  Outbox(
      Transport transport,
      int maxFrames,
      long maxBytes,
      long window,
      Executor writer,
      Runnable overflow,
      Consumer<Throwable> failed) {
    this.transport = transport;
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
    this.window = window;
    this.writer = writer;
    this.overflow = overflow;
    this.failed = failed;
  }

  /** Queues a frame; false (and {@code overflow} called once) when the queue is full. */
  boolean offer(String frame) {
    long bytes = ClientFrame.utf8Length(frame);
    boolean overflowed = false;
    boolean start;
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
        start = false;
      } else {
        queue.add(new Item(frame, bytes));
        queuedBytes += bytes;
        start = startPump();
      }
    }
    if (overflowed) {
      overflow.run();
      return false;
    }
    if (start) {
      writer.execute(this::pump);
    }
    return true;
  }

  /** Pings the client (liveness, and a confirmation of what was sent so far). */
  void ping() {
    boolean start;
    synchronized (this) {
      if (closed) {
        return;
      }
      pingWanted = true;
      start = startPump();
    }
    if (start) {
      writer.execute(this::pump);
    }
  }

  /** A pong: confirms what was sent before the ping it answers, and sends what waited. */
  void pong(ByteBuffer data) {
    if (data == null || data.remaining() != Long.BYTES) {
      return;
    }
    long answered = data.duplicate().getLong();
    boolean start = false;
    synchronized (this) {
      boolean known = pings.stream().anyMatch(p -> p[0] == answered);
      while (known && !pings.isEmpty()) {
        long[] ping = pings.poll();
        confirmedBytes = Math.max(confirmedBytes, ping[1]);
        if (ping[0] == answered) {
          break;
        }
      }
      if (known && !queue.isEmpty()) {
        start = startPump();
      }
    }
    if (start) {
      writer.execute(this::pump);
    }
  }

  /** Drops what is queued; later offers are refused. */
  void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
  }

  /** Drops what is queued and closes the transport, on a writer thread. */
  void close(int code, String reason) {
    close();
    writer.execute(() -> transport.close(code, reason));
  }

  /** Frames waiting, for tests and stats. */
  synchronized int size() {
    return queue.size();
  }

  /** Bytes sent and not confirmed by the client yet. */
  synchronized long unconfirmed() {
    return sentBytes - confirmedBytes;
  }

  /** Caller holds the lock; true when the caller must start a pump. */
  private boolean startPump() {
    if (pumping) {
      return false;
    }
    pumping = true;
    return true;
  }

  /** Caller holds the lock. */
  private long registerPing() {
    long payload = RANDOM.nextLong();
    pings.add(new long[] {payload, sentBytes});
    if (pings.size() > MAX_PINGS) {
      pings.poll();
    }
    return payload;
  }

  private static byte[] payload(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  /**
   * Writes pings and queued frames while the window allows (runs on a writer thread, one at a
   * time per outbox). A send that completes on this thread continues the loop here instead of
   * recursing, so a fast socket never deepens the stack.
   */
  private void pump() {
    while (true) {
      Item next = null;
      long ping = 0;
      boolean sendPing = false;
      synchronized (this) {
        if (closed) {
          pumping = false;
          return;
        }
        long unconfirmed = sentBytes - confirmedBytes;
        Item head = queue.peek();
        boolean windowFull = head != null && unconfirmed > 0 && unconfirmed + head.bytes() > window;
        if (pingWanted || (windowFull && (pings.isEmpty() || pings.peekLast()[1] < sentBytes))) {
          // ask the client to confirm what it has read so far
          pingWanted = false;
          sendPing = true;
          ping = registerPing();
        } else if (head == null || windowFull) {
          // nothing to send, or wait for the pong that confirms
          pumping = false;
          return;
        } else {
          next = queue.poll();
          queuedBytes -= next.bytes();
          sentBytes += next.bytes();
        }
      }
      if (sendPing) {
        try {
          transport.ping(payload(ping));
        } catch (RuntimeException e) {
          fail(e);
          return;
        }
        continue;
      }
      // 0 = in flight, 1 = completed before send() returned, 2 = send() returned first
      AtomicInteger state = new AtomicInteger();
      transport.send(
          next.frame(),
          failure -> {
            if (failure != null) {
              fail(failure);
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

  private void fail(Throwable failure) {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
      pumping = false;
    }
    failed.accept(failure);
  }
}
