package dev.backpack.core.realtime.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** A transport that records what was sent; sends complete at once or when the test says so. */
final class FakeTransport implements Transport {

  final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  final Deque<Consumer<Throwable>> inFlight = new ArrayDeque<>();
  volatile boolean completeAtOnce = true;
  volatile int closeCode;
  volatile String closeReason;
  final List<byte[]> pings = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void send(String text, Consumer<Throwable> done) {
    sent.add(text);
    if (completeAtOnce) {
      done.accept(null);
    } else {
      synchronized (inFlight) {
        inFlight.add(done);
      }
    }
  }

  /** Completes the oldest send still in flight. */
  void complete(Throwable failure) {
    Consumer<Throwable> done;
    synchronized (inFlight) {
      done = inFlight.poll();
    }
    done.accept(failure);
  }

  @Override
  public void ping(byte[] payload) {
    pings.add(payload);
  }

  /** The pong a reading client sends for the latest ping. */
  java.nio.ByteBuffer pongToLastPing() {
    return java.nio.ByteBuffer.wrap(pings.get(pings.size() - 1));
  }

  @Override
  public void close(int code, String reason) {
    closeCode = code;
    closeReason = reason;
  }
}
