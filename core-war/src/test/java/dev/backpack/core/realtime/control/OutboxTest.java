package dev.backpack.core.realtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxTest {

  FakeTransport transport = new FakeTransport();
  AtomicInteger overflows = new AtomicInteger();
  AtomicReference<Throwable> failure = new AtomicReference<>();
  Outbox cut = new Outbox(transport, 3, 1000, 1000, Runnable::run, overflows::incrementAndGet, failure::set);

  @Test
  void sendsInOrderOneAtATime() {
    transport.completeAtOnce = false;
    assertTrue(cut.offer("a"));
    assertTrue(cut.offer("b"));
    assertTrue(cut.offer("c"));
    assertEquals(List.of("a"), transport.sent, "only one frame in flight");
    transport.complete(null);
    assertEquals(List.of("a", "b"), transport.sent);
    transport.complete(null);
    transport.complete(null);
    assertEquals(List.of("a", "b", "c"), transport.sent);
    assertEquals(0, cut.size());
  }

  @Test
  void aClientThatDoesNotReadOverflowsTheQueueOnceAndIsRefusedAfterwards() {
    transport.completeAtOnce = false;
    cut.offer("in flight");
    cut.offer("1");
    cut.offer("2");
    cut.offer("3");
    assertEquals(0, overflows.get());
    assertFalse(cut.offer("4"), "a fourth waiting frame is over the limit of 3");
    assertEquals(1, overflows.get());
    assertFalse(cut.offer("5"));
    assertEquals(1, overflows.get(), "overflow is reported once");
    assertEquals(0, cut.size(), "what waited is dropped, not kept");
  }

  @Test
  void theByteLimitCountsUtf8() {
    Outbox small = new Outbox(transport, 100, 10, 1000, Runnable::run, overflows::incrementAndGet, failure::set);
    transport.completeAtOnce = false;
    small.offer("in flight: not counted");
    assertTrue(small.offer("ääääa"), "9 bytes fit");
    assertTrue(small.offer("b"), "9 + 1 bytes fit");
    assertFalse(small.offer("c"), "10 + 1 bytes do not");
    assertEquals(1, overflows.get());
  }

  @Test
  void oneFrameOverTheByteLimitMayWaitAlone() {
    Outbox small = new Outbox(transport, 100, 10, 1000, Runnable::run, overflows::incrementAndGet, failure::set);
    transport.completeAtOnce = false;
    small.offer("in flight");
    assertTrue(small.offer("a snapshot of many records"));
    assertFalse(small.offer("x"), "but nothing may wait behind it");
  }

  @Test
  void sendsThatCompleteAtOnceDoNotDeepenTheStack() {
    Outbox big = new Outbox(transport, 1_000_000, Long.MAX_VALUE, Long.MAX_VALUE, Runnable::run, overflows::incrementAndGet, failure::set);
    transport.completeAtOnce = false;
    big.offer("first");
    IntStream.range(0, 200_000).forEach(i -> big.offer("f" + i));
    transport.completeAtOnce = true;
    transport.complete(null);
    assertEquals(200_001, transport.sent.size());
    assertEquals("f199999", transport.sent.get(200_000));
  }

  @Test
  void aFailedSendClosesTheOutbox() {
    transport.completeAtOnce = false;
    cut.offer("a");
    cut.offer("b");
    IllegalStateException broken = new IllegalStateException("broken pipe");
    transport.complete(broken);
    assertEquals(broken, failure.get());
    assertFalse(cut.offer("c"));
    assertEquals(List.of("a"), transport.sent);
  }

  static String frameOf(int bytes, int i) {
    String tag = "#" + i;
    return tag + "x".repeat(bytes - tag.length());
  }

  @Test
  void atMostTheWindowGoesOutUnconfirmedThenAPingAsksTheClient() {
    Outbox windowed = new Outbox(transport, 100, 100, 100, Runnable::run, overflows::incrementAndGet, failure::set);
    for (int i = 1; i <= 8; i++) {
      assertTrue(windowed.offer(frameOf(20, i)));
    }
    assertEquals(5, transport.sent.size(), "100 bytes unconfirmed: the window is full");
    assertEquals(1, transport.pings.size(), "and the client is asked to confirm");
    assertEquals(3, windowed.size());

    windowed.pong(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    assertEquals(5, transport.sent.size(), "a pong to a ping never sent confirms nothing");

    windowed.pong(transport.pongToLastPing());
    assertEquals(8, transport.sent.size(), "confirmed: what waited goes out");
    assertEquals(60, windowed.unconfirmed());
  }

  @Test
  void aClientThatNeverConfirmsFillsTheQueueAndIsClosed() {
    Outbox windowed = new Outbox(transport, 100, 100, 100, Runnable::run, overflows::incrementAndGet, failure::set);
    int accepted = 0;
    while (windowed.offer(frameOf(20, accepted))) {
      accepted++;
    }
    assertEquals(10, accepted, "5 sent in the window, 5 waiting, then over the limit");
    assertEquals(1, overflows.get());
    assertEquals(5, transport.sent.size(), "nothing beyond the window left the server");
  }

  @Test
  void aLivenessPingAlsoConfirms() {
    Outbox windowed = new Outbox(transport, 100, 100, 100, Runnable::run, overflows::incrementAndGet, failure::set);
    windowed.offer(frameOf(50, 1));
    windowed.ping();
    windowed.offer(frameOf(40, 2));
    assertEquals(90, windowed.unconfirmed());
    windowed.pong(java.nio.ByteBuffer.wrap(transport.pings.get(0)));
    assertEquals(40, windowed.unconfirmed(), "the ping came after the first frame only");
  }
}
