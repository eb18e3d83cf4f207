package dev.backpack.core.realtime.control;

import dev.backpack.core.config.BackpackSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The replicas of one backpack talk through one Redis pub/sub channel, {@code <prefix>rt}: record
 * changes, channel messages, presence and ended sessions. A different prefix is a different
 * channel, so backpacks sharing a Redis never hear each other.
 *
 * <p>Receiving needs a connection of its own (a subscribed connection can do nothing else): a
 * thread runs {@code SUBSCRIBE} on a dedicated {@link Jedis} and, when Redis goes away,
 * reconnects with a backoff of 0.1 s doubling to 5 s; a {@code PING} on the subscribed connection
 * every few seconds finds a connection that died silently. It runs only while this replica has
 * sockets ({@link #start()}/{@link #stop()}), so a backpack nobody is connected to holds no
 * thread and no connection for realtime.
 *
 * <p>Sending goes through the pooled client on a worker, in order, from a queue bounded by bytes
 * ({@code backpack.realtime.publish-queue-bytes}); a message that cannot be published is dropped
 * (subscribers are told with a {@code gap} frame when Redis returns). Messages carry the sending
 * replica's id, and a replica ignores its own: local sockets were already served directly, which
 * is why a replica without Redis still serves them.
 */
@ApplicationScoped
public class RedisBus {

  /** A message from another replica: {@code type} and its fields. */
  public record Message(String type, Document body) {}

  /** Fired when the subscription is up; {@code recovered} after an outage, not on first start. */
  public record Up(boolean recovered) {}

  private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());
  static final JsonWriterSettings EXTENDED =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
  static final long PING_MILLIS = 5_000;
  static final long DEAD_MILLIS = 15_000;

  @Inject BackpackSettings backpack;
  @Inject RealtimeSettings settings;
  @Inject JedisPooled redis;
  @Inject Workers workers;
  @Inject Event<Message> messages;
  @Inject Event<Up> ups;

  final String replicaId = UUID.randomUUID().toString().substring(0, 12);

  private final ConcurrentLinkedQueue<String> outgoing = new ConcurrentLinkedQueue<>();
  private final AtomicLong outgoingBytes = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private volatile long lastDropLog;

  private Thread reader;
  private volatile boolean running;
  private volatile boolean up;
  private volatile boolean everUp;
  private volatile Jedis connection;
  private volatile Listener listener;
  private volatile long lastPong;
  private final AtomicBoolean ticking = new AtomicBoolean();

  /** This replica's id, unique per deployment start. */
  public String replicaId() {
    return replicaId;
  }

  /** The pub/sub channel of this backpack. */
  public String channel() {
    return backpack.redisPrefix() + "rt";
  }

  /** Whether the subscription is up right now. */
  public boolean isUp() {
    return up;
  }

  /** Starts receiving; a no-op while running. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    reader = workers.thread("backpack-realtime-redis-" + backpack.name(), this::receive);
    reader.start();
  }

  /** Stops receiving (no sockets left, or the deployment goes away). */
  @PreDestroy
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    up = false;
    everUp = false;
    Listener l = listener;
    Jedis c = connection;
    try {
      if (l != null && l.isSubscribed()) {
        l.unsubscribe();
      }
    } catch (RuntimeException e) {
      // the connection is going away anyway
    }
    if (c != null) {
      try {
        c.disconnect();
      } catch (RuntimeException e) {
        // already closed
      }
    }
    if (reader != null) {
      reader.interrupt();
      reader = null;
    }
  }

  /** Publishes to the other replicas, asynchronously and in order; never blocks or throws. */
  public void publish(String type, Document body) {
    Document envelope = new Document("t", type).append("o", replicaId);
    envelope.putAll(body);
    String json = envelope.toJson(EXTENDED);
    long bytes = json.length();
    if (outgoingBytes.addAndGet(bytes) > settings.publishQueueBytes()) {
      outgoingBytes.addAndGet(-bytes);
      drop(1);
      return;
    }
    outgoing.add(json);
    if (draining.compareAndSet(false, true)) {
      workers.execute(this::drain);
    }
  }

  private void drain() {
    try {
      String next;
      while ((next = outgoing.poll()) != null) {
        outgoingBytes.addAndGet(-next.length());
        try {
          redis.publish(channel(), next);
        } catch (JedisException e) {
          // Redis is away: what waits now is stale by the time it returns; drop it
          int lost = 1;
          while ((next = outgoing.poll()) != null) {
            outgoingBytes.addAndGet(-next.length());
            lost++;
          }
          drop(lost);
        }
      }
    } finally {
      draining.set(false);
      if (!outgoing.isEmpty() && draining.compareAndSet(false, true)) {
        workers.execute(this::drain);
      }
    }
  }

  private void drop(int count) {
    long total = dropped.addAndGet(count);
    long now = System.currentTimeMillis();
    if (now - lastDropLog > 10_000) {
      lastDropLog = now;
      LOG.log(
          Level.WARNING,
          "realtime: {0} message(s) to other replicas dropped so far (Redis unreachable or slow)",
          total);
    }
  }

  /** Pings the subscribed connection; closes it when pongs stopped (a silently dead socket). */
  void tick() {
    if (!running || !ticking.compareAndSet(false, true)) {
      return;
    }
    try {
      Listener l = listener;
      if (!up || l == null) {
        return;
      }
      long now = System.currentTimeMillis();
      if (now - lastPong > DEAD_MILLIS) {
        LOG.warning("realtime: no answer from Redis on the subscription; reconnecting");
        Jedis c = connection;
        if (c != null) {
          c.disconnect();
        }
        return;
      }
      if (now - lastPong >= PING_MILLIS) {
        try {
          l.ping();
        } catch (RuntimeException e) {
          Jedis c = connection;
          if (c != null) {
            c.disconnect();
          }
        }
      }
    } finally {
      ticking.set(false);
    }
  }

  private void receive() {
    long backoff = 100;
    while (running) {
      try (Jedis jedis = new Jedis(URI.create(backpack.redisUri()), 2_000, 2_000)) {
        connection = jedis;
        Listener l = new Listener();
        listener = l;
        jedis.subscribe(l, channel());
      } catch (JedisException | IllegalStateException e) {
        if (running) {
          LOG.log(Level.FINE, "realtime: Redis subscription lost", e);
        }
      } finally {
        connection = null;
      }
      boolean wasUp = up;
      up = false;
      if (wasUp) {
        backoff = 100;
        LOG.warning("realtime: Redis is unreachable; serving local sockets only, retrying");
      }
      if (!running) {
        return;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, 5_000);
    }
  }

  private final class Listener extends JedisPubSub {

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      lastPong = System.currentTimeMillis();
      boolean recovered = everUp;
      everUp = true;
      up = true;
      if (recovered) {
        LOG.info("realtime: Redis is back; subscribed again");
      }
      try {
        ups.fire(new Up(recovered));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "realtime: resynchronising after Redis returned failed", e);
      }
    }

    @Override
    public void onPong(String pattern) {
      lastPong = System.currentTimeMillis();
    }

    @Override
    public void onMessage(String channel, String json) {
      lastPong = System.currentTimeMillis();
      Document envelope;
      try {
        envelope = Document.parse(json);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "realtime: unreadable message on {0}", channel);
        return;
      }
      if (replicaId.equals(envelope.getString("o"))) {
        return;
      }
      try {
        messages.fire(new Message(envelope.getString("t"), envelope));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "realtime: handling a message from another replica failed", e);
      }
    }
  }
}
