package dev.backpack.core.realtime.control;

import dev.backpack.core.auth.control.Sessions;
import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.realtime.entity.ClientFrame;
import dev.backpack.core.realtime.entity.CloseCodes;
import dev.backpack.core.realtime.entity.ServerFrames;
import dev.backpack.core.records.control.RecordStore;
import dev.backpack.core.records.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The sockets of this replica: opening and authenticating them, routing their frames, the
 * per-socket limits, and closing them (idle, slow, rate limited, signed out).
 *
 * <p>Authentication: the session cookie on the upgrade (same origin only, see the endpoint), or an
 * {@code auth} frame. Until then a socket may only authenticate: any other frame gets a 401 error
 * and the socket is closed {@code backpack.realtime.auth-grace-millis} later (4401); a socket that
 * does not authenticate within {@code backpack.realtime.auth-seconds} is closed too. A signed-in
 * socket can send {@code auth} again with a new token of the same user (token refresh). Ending a
 * session (logout, password change, user deleted) closes its sockets on every replica (4401);
 * sessions that merely expired are found by a check every {@code
 * backpack.realtime.session-check-seconds}, which also keeps an open socket's session alive.
 *
 * <p>A one-second tick pings sockets every {@code backpack.realtime.ping-seconds} and closes those
 * silent for {@code backpack.realtime.idle-seconds} (4408); it runs only while sockets are open.
 */
@ApplicationScoped
public class Connections {

  private static final Logger LOG = Logger.getLogger(Connections.class.getName());
  static final long TICK_MILLIS = 1_000;
  static final String TYPES =
      "auth, subscribe, unsubscribe, join, leave, publish, ping, create, update, patch, delete";

  @Inject RealtimeSettings settings;
  @Inject Sessions sessions;
  @Inject Subscriptions subscriptions;
  @Inject Channels channels;
  @Inject RecordStore records;
  @Inject RedisBus bus;
  @Inject Workers workers;

  private final Map<String, Connection> open = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean checkingSessions = new AtomicBoolean();
  private ScheduledFuture<?> ticker;
  private volatile boolean stopping;

  /**
   * Registers a new socket; {@code token} is the session token the upgrade carried (cookie or
   * bearer header), if any. Returns empty when the socket was refused and closed.
   */
  public Optional<Connection> open(Transport transport, String token) {
    if (stopping) {
      transport.close(CloseCodes.GOING_AWAY, "replica stopping");
      return Optional.empty();
    }
    if (open.size() >= settings.maxSockets()) {
      transport.close(CloseCodes.TRY_AGAIN_LATER, "too many sockets on this replica");
      return Optional.empty();
    }
    long now = System.nanoTime();
    Connection c =
        new Connection(
            "c" + ids.incrementAndGet(),
            transport,
            new FrameRate(settings.framesPerSecond(), settings.frameBurst(), now),
            now);
    c.outbox =
        new Outbox(
            transport,
            settings.queueFrames(),
            settings.queueBytes(),
            settings.sendWindowBytes(),
            workers.writers(),
            () ->
                close(
                    c,
                    CloseCodes.SLOW_CONSUMER,
                    "slow consumer: outgoing queue over its limit"),
            failure -> close(c, CloseCodes.NORMAL, "send failed"));
    c.authDeadline = now + TimeUnit.SECONDS.toNanos(settings.authSeconds());
    open.put(c.id, c);
    started();
    if (token != null) {
      Optional<String> user;
      try {
        user = sessions.userOf(token);
      } catch (JedisException e) {
        close(c, CloseCodes.TRY_AGAIN_LATER, "session store unreachable");
        return Optional.empty();
      }
      if (user.isPresent() && !signIn(c, user.get(), token)) {
        return Optional.empty();
      }
    }
    return Optional.of(c);
  }

  /** Counts a frame against the socket's rate and size limits; false when it must be dropped. */
  public boolean admit(Connection c, String text) {
    return admit(c, ClientFrame.utf8Length(text));
  }

  /** {@link #admit(Connection, String)} for a frame of {@code bytes} bytes. */
  public boolean admit(Connection c, long bytes) {
    long now = System.nanoTime();
    c.lastSeen = now;
    switch (c.rate.take(now)) {
      case REFUSE -> {
        c.send(
            ServerFrames.error(
                null,
                Failures.of(
                    429,
                    "rate-limited",
                    "Too Many Requests",
                    "More than "
                        + settings.framesPerSecond()
                        + " frames a second; this frame was dropped.")));
        return false;
      }
      case CLOSE -> {
        close(c, CloseCodes.RATE_LIMITED, "too many frames");
        return false;
      }
      default -> {
        // within the rate
      }
    }
    if (bytes > settings.maxFrameBytes()) {
      c.send(
          ServerFrames.error(
              null,
              ProblemException.tooLarge(
                  "The frame has "
                      + bytes
                      + " bytes; the limit is "
                      + settings.maxFrameBytes()
                      + ". Write large records through REST.")));
      refuseIfAnonymous(c);
      return false;
    }
    return true;
  }

  /** A frame that could not be parsed: an error with its id (when readable); the socket stays. */
  public void malformed(Connection c, ClientFrame.Malformed m) {
    c.send(ServerFrames.error(m.id(), m.problem()));
    refuseIfAnonymous(c);
  }

  /** A pong: a sign of life, and a confirmation of what the client has read. */
  public void pong(Connection c, java.nio.ByteBuffer data) {
    c.lastSeen = System.nanoTime();
    c.outbox.pong(data);
  }

  /** Routes one parsed frame. */
  public void handle(Connection c, ClientFrame frame) {
    if (c.closed.get()) {
      return;
    }
    if (c.caller == null && !frame.type().equals("auth")) {
      c.send(
          ServerFrames.error(
              frame.id(),
              ProblemException.unauthorized(
                  "Authenticate first: send {\"type\":\"auth\",\"token\":\"...\"} or connect"
                      + " with the session cookie.")));
      refuseIfAnonymous(c);
      return;
    }
    try {
      switch (frame.type()) {
        case "auth" -> authenticate(c, frame);
        case "ping" -> c.send(ServerFrames.pong(frame.id()));
        case "subscribe" -> subscriptions.subscribe(c, frame);
        case "unsubscribe" -> subscriptions.unsubscribe(c, frame);
        case "join" -> channels.join(c, frame);
        case "leave" -> channels.leave(c, frame);
        case "publish" -> channels.publish(c, frame);
        case "create", "update", "patch", "delete" -> write(c, frame);
        default -> {
          String type = frame.type().length() > 40 ? frame.type().substring(0, 40) + "…" : frame.type();
          throw ProblemException.invalid("type", "unknown type '" + type + "'; use " + TYPES);
        }
      }
    } catch (RuntimeException e) {
      fail(c, frame.id(), e);
    }
  }

  /** Answers a frame with the error a failure means; unexpected failures are logged. */
  void fail(Connection c, Object frameId, Throwable e) {
    ProblemException problem = Failures.asProblem(e);
    if (problem == null) {
      LOG.log(Level.WARNING, "realtime: a frame failed unexpectedly", e);
      problem = Failures.unexpected();
    }
    c.send(ServerFrames.error(frameId, problem));
  }

  private void authenticate(Connection c, ClientFrame frame) {
    String token = frame.requireString("token");
    Optional<String> user = sessions.userOf(token);
    if (user.isEmpty()) {
      c.send(
          ServerFrames.error(
              frame.id(),
              ProblemException.unauthorized(
                  "The session token is invalid or expired; sign in again.")));
      refuseIfAnonymous(c);
      return;
    }
    Caller current = c.caller;
    if (current != null && !current.userId().equals(user.get())) {
      throw ProblemException.conflict(
          "This socket is signed in as another user; open a new socket to switch users.");
    }
    if (current != null) {
      c.token = token;
      c.sessionId = Sessions.idOf(token);
    } else if (!signIn(c, user.get(), token)) {
      return;
    }
    c.send(ServerFrames.ack(frame.id(), Map.of("user", Map.of("id", user.get()))));
  }

  /** Makes a socket the user's; false when the user has too many sockets (and it was closed). */
  private boolean signIn(Connection c, String userId, String token) {
    AtomicInteger count = perUser.computeIfAbsent(userId, k -> new AtomicInteger());
    if (count.incrementAndGet() > settings.maxSocketsPerUser()) {
      count.decrementAndGet();
      close(c, CloseCodes.TRY_AGAIN_LATER, "too many sockets of this user");
      return false;
    }
    c.token = token;
    c.sessionId = Sessions.idOf(token);
    c.caller = new Caller(userId, false);
    c.authDeadline = 0;
    c.lastSessionCheck = System.nanoTime();
    return true;
  }

  /** An anonymous socket that sent anything but a valid auth is closed after a short grace. */
  private void refuseIfAnonymous(Connection c) {
    if (c.caller == null && c.closing.compareAndSet(false, true)) {
      workers.later(
          settings.authGraceMillis(),
          () -> close(c, CloseCodes.UNAUTHENTICATED, "authenticate first"));
    }
  }

  private void write(Connection c, ClientFrame frame) {
    String collection = frame.requireString("collection");
    Caller caller = c.caller;
    String ifMatch = frame.optionalString("ifMatch");
    switch (frame.type()) {
      case "create" -> {
        StoredRecord created = records.create(caller, collection, frame.recordBody("record"));
        c.send(ServerFrames.ack(frame.id(), Map.of("record", created.toJsonMap())));
      }
      case "update" -> {
        Document body = frame.recordBody("record");
        StoredRecord replaced = records.replace(caller, collection, recordId(body), body, ifMatch);
        c.send(ServerFrames.ack(frame.id(), Map.of("record", replaced.toJsonMap())));
      }
      case "patch" -> {
        Document body = frame.recordBody("record");
        StoredRecord merged = records.merge(caller, collection, recordId(body), body, ifMatch);
        c.send(ServerFrames.ack(frame.id(), Map.of("record", merged.toJsonMap())));
      }
      default -> {
        Document body = frame.object("record", true);
        records.delete(caller, collection, recordId(body), ifMatch);
        c.send(ServerFrames.ack(frame.id()));
      }
    }
  }

  private static String recordId(Document record) {
    if (!(record.get("id") instanceof String id)) {
      throw ProblemException.invalid("record.id", "is required: the id of the record");
    }
    return id;
  }

  /** Closes a socket from the server side (idempotent). */
  void close(Connection c, int code, String reason) {
    if (!c.closed.compareAndSet(false, true)) {
      return;
    }
    cleanUp(c);
    // on a writer thread, behind what is being written: a close may block like any write
    c.outbox.close(code, reason);
  }

  /** The transport closed (client, network or container): forget the socket. */
  public void closed(Connection c) {
    if (c.closed.compareAndSet(false, true)) {
      cleanUp(c);
    }
  }

  private void cleanUp(Connection c) {
    open.remove(c.id);
    c.outbox.close();
    String user = c.userId();
    if (user != null) {
      perUser.computeIfPresent(user, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
    try {
      subscriptions.dropAll(c);
      channels.leaveAll(c);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "realtime: cleaning up " + c + " failed", e);
    }
  }

  /** A session ended on this replica: close its sockets here and on the other replicas. */
  void onSessionEnded(@Observes Sessions.Ended ended) {
    try {
      closeSessions(ended.userId(), ended.sessionId());
      Document body = new Document("u", ended.userId());
      if (ended.sessionId() != null) {
        body.append("s", ended.sessionId());
      }
      bus.publish("session-ended", body);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "realtime: closing the sockets of an ended session failed", e);
    }
  }

  void onBus(@Observes RedisBus.Message message) {
    if (message.type().equals("session-ended")) {
      closeSessions(message.body().getString("u"), message.body().getString("s"));
    }
  }

  /** Redis is back after an outage: sockets that follow anything may have missed events. */
  void onUp(@Observes RedisBus.Up up) {
    if (!up.recovered()) {
      return;
    }
    String gap =
        ServerFrames.gap(
            "Redis was unreachable: changes and messages from other replicas may have been"
                + " missed. Subscribe again with a snapshot.");
    for (Connection c : open.values()) {
      if (!c.subscriptions.isEmpty() || !c.channels.isEmpty()) {
        c.send(gap);
      }
    }
  }

  private void closeSessions(String userId, String sessionId) {
    for (Connection c : open.values()) {
      if (userId.equals(c.userId()) && (sessionId == null || sessionId.equals(c.sessionId))) {
        close(c, CloseCodes.UNAUTHENTICATED, "session ended");
      }
    }
  }

  /** How many sockets are open on this replica. */
  public int count() {
    return open.size();
  }

  private synchronized void started() {
    if (ticker == null) {
      ticker = workers.every(TICK_MILLIS, this::tick);
    }
    bus.start();
  }

  private synchronized void stopIfIdle() {
    if (open.isEmpty() && channels.isEmpty() && ticker != null) {
      ticker.cancel(false);
      ticker = null;
      bus.stop();
    }
  }

  void tick() {
    long now = System.nanoTime();
    long ping = TimeUnit.SECONDS.toNanos(settings.pingSeconds());
    long idle = TimeUnit.SECONDS.toNanos(settings.idleSeconds());
    long check = TimeUnit.SECONDS.toNanos(settings.sessionCheckSeconds());
    List<Connection> toCheck = new ArrayList<>();
    for (Connection c : open.values()) {
      if (c.caller == null && c.authDeadline != 0 && now - c.authDeadline > 0) {
        close(c, CloseCodes.UNAUTHENTICATED, "not authenticated in time");
      } else if (now - c.lastSeen > idle) {
        close(c, CloseCodes.IDLE, "idle");
      } else {
        if (now - c.lastPing >= ping) {
          c.lastPing = now;
          try {
            c.outbox.ping();
          } catch (RuntimeException e) {
            close(c, CloseCodes.NORMAL, "ping failed");
          }
        }
        if (c.caller != null && now - c.lastSessionCheck >= check) {
          c.lastSessionCheck = now;
          toCheck.add(c);
        }
      }
    }
    if (!toCheck.isEmpty() && checkingSessions.compareAndSet(false, true)) {
      workers.execute(() -> checkSessions(toCheck));
    }
    workers.execute(bus::tick);
    workers.execute(channels::tick);
    if (open.isEmpty()) {
      stopIfIdle();
    }
  }

  private void checkSessions(List<Connection> connections) {
    try {
      for (Connection c : connections) {
        String token = c.token;
        if (c.closed.get() || token == null) {
          continue;
        }
        if (sessions.userOf(token).isEmpty()) {
          close(c, CloseCodes.UNAUTHENTICATED, "session ended");
        }
      }
    } catch (JedisException e) {
      // Redis is away: sockets stay; the next check will tell
    } finally {
      checkingSessions.set(false);
    }
  }

  /** The deployment goes away: say goodbye to every socket, leave every channel. */
  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stopping = true;
    for (Connection c : open.values()) {
      close(c, CloseCodes.GOING_AWAY, "replica stopping");
    }
    try {
      channels.shutdown();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "realtime: leaving channels at shutdown failed", e);
    }
    synchronized (this) {
      if (ticker != null) {
        ticker.cancel(false);
        ticker = null;
      }
    }
    bus.stop();
  }
}
