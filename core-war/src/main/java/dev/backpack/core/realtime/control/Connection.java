package dev.backpack.core.realtime.control;

import dev.backpack.core.auth.entity.Caller;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client socket as realtime sees it: who it is (once authenticated), its outgoing queue, its
 * frame rate, its subscriptions and channels. Created by {@link Connections#open}; the boundary
 * only holds on to it and hands it back with every frame.
 */
public final class Connection {

  final String id;
  final Transport transport;
  final FrameRate rate;
  Outbox outbox;

  volatile Caller caller;
  volatile String sessionId;
  volatile String token;

  volatile long lastSeen;
  volatile long lastPing;
  volatile long lastSessionCheck;
  /** When an unauthenticated socket is closed; 0 once authenticated. */
  volatile long authDeadline;

  final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  final Set<String> channels = ConcurrentHashMap.newKeySet();
  final AtomicInteger nextSubscription = new AtomicInteger();
  final AtomicBoolean closed = new AtomicBoolean();
  final AtomicBoolean closing = new AtomicBoolean();

  Connection(String id, Transport transport, FrameRate rate, long now) {
    this.id = id;
    this.transport = transport;
    this.rate = rate;
    this.lastSeen = now;
    this.lastPing = now;
    this.lastSessionCheck = now;
  }

  /** Queues a frame for this socket; false when it is closed or was just closed as too slow. */
  boolean send(String frame) {
    return outbox.offer(frame);
  }

  String userId() {
    Caller c = caller;
    return c == null ? null : c.userId();
  }

  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return "socket " + id;
  }
}
