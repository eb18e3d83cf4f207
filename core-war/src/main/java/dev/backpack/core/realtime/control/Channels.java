package dev.backpack.core.realtime.control;

import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.realtime.entity.ClientFrame;
import dev.backpack.core.realtime.entity.ServerFrames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.bson.Document;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Channels: join, leave, publish and presence, across the replicas of a backpack.
 *
 * <p>Presence lives in Redis: per channel a hash {@code <prefix>rt:presence:<channel>} of {@code
 * <replica>/<socket>} to user id. A replica replaces all of its own entries of a channel in one
 * Lua script that also returns the whole hash and a sequence number from one counter ({@code
 * <prefix>rt:presence-seq}); it publishes that view, and every replica keeps the newest view by
 * sequence, so concurrent joins on different replicas cannot leave a stale member list behind.
 * Members are user ids, once each however many sockets a user has; a {@code presence} frame goes
 * to the joiner on join and to every member whenever the list changes.
 *
 * <p>Replicas that die without cleaning up: each keeps {@code <prefix>rt:replica:<id>} alive (TTL
 * {@code backpack.realtime.replica-ttl-seconds}) while it has members; the others remove the
 * entries of a replica whose key expired (checked inside a script, so a replica that comes back
 * at that moment keeps its entries).
 *
 * <p>Without Redis, a replica goes on with its last view, updating only its own entries, and
 * serves its sockets; when Redis returns it writes its entries again and takes the global view.
 */
@ApplicationScoped
public class Channels {

  private static final Logger LOG = Logger.getLogger(Channels.class.getName());
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}");

  static final String SET_SCRIPT =
      """
      local p = ARGV[1]
      for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
        if string.sub(f, 1, #p) == p then redis.call('HDEL', KEYS[1], f) end
      end
      for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
      if #ARGV >= 5 then redis.call('SADD', KEYS[3], ARGV[2]) else redis.call('SREM', KEYS[3], ARGV[2]) end
      redis.call('SET', KEYS[4], '1', 'EX', tonumber(ARGV[3]))
      redis.call('SADD', KEYS[5], ARGV[4])
      return {redis.call('INCR', KEYS[2]), redis.call('HGETALL', KEYS[1])}
      """;

  static final String SWEEP_SCRIPT =
      """
      if redis.call('EXISTS', KEYS[4]) == 1 then return false end
      local p = ARGV[1]
      for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
        if string.sub(f, 1, #p) == p then redis.call('HDEL', KEYS[1], f) end
      end
      redis.call('SREM', KEYS[3], ARGV[2])
      return {redis.call('INCR', KEYS[2]), redis.call('HGETALL', KEYS[1])}
      """;

  @Inject RealtimeSettings settings;
  @Inject BackpackSettings backpack;
  @Inject JedisPooled redis;
  @Inject RedisBus bus;

  /** Serialise this replica's writes of one channel's entries (striped by channel name). */
  private static final Object[] LOCKS = new Object[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final AtomicBoolean ticking = new AtomicBoolean();
  private volatile long lastHeartbeat;
  private volatile long lastSweep;
  private volatile boolean used;

  /** One channel as this replica sees it. */
  static final class Room {
    final String name;
    final Set<Connection> local = ConcurrentHashMap.newKeySet();
    private Map<String, String> entries = Map.of();
    private long seq;
    private List<String> lastSent = List.of();

    Room(String name) {
      this.name = name;
    }

    synchronized List<String> members() {
      return lastSent;
    }
  }

  public void join(Connection c, ClientFrame frame) {
    String name = channelOf(frame);
    if (c.channels.contains(name)) {
      c.send(ServerFrames.ack(frame.id()));
      Room room = rooms.get(name);
      if (room != null) {
        c.send(ServerFrames.presence(name, room.members()));
      }
      return;
    }
    if (c.channels.size() >= settings.maxChannels()) {
      throw Failures.of(
          422,
          "limit",
          "Unprocessable Content",
          "A socket may join at most " + settings.maxChannels() + " channels.");
    }
    used = true;
    Room room =
        rooms.compute(
            name,
            (k, existing) -> {
              Room r = existing == null ? new Room(k) : existing;
              r.local.add(c);
              return r;
            });
    c.channels.add(name);
    if (c.closed.get()) {
      // closed while joining: its clean-up may have run before it was a member
      leave(c, name);
      return;
    }
    c.send(ServerFrames.ack(frame.id()));
    if (!write(name)) {
      c.send(ServerFrames.presence(name, room.members()));
    }
  }

  public void leave(Connection c, ClientFrame frame) {
    String name = channelOf(frame);
    leave(c, name);
    c.send(ServerFrames.ack(frame.id()));
  }

  /** Leaves every channel of a closing socket. */
  void leaveAll(Connection c) {
    for (String name : List.copyOf(c.channels)) {
      try {
        leave(c, name);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "realtime: leaving " + name + " failed", e);
      }
    }
  }

  private void leave(Connection c, String name) {
    if (!c.channels.remove(name)) {
      return;
    }
    rooms.computeIfPresent(
        name,
        (k, room) -> {
          room.local.remove(c);
          return room.local.isEmpty() ? null : room;
        });
    write(name);
  }

  public void publish(Connection c, ClientFrame frame) {
    String name = channelOf(frame);
    if (!c.channels.contains(name)) {
      throw ProblemException.forbidden("Join channel '" + name + "' before publishing to it.");
    }
    if (!frame.body().containsKey("data")) {
      throw ProblemException.invalid("data", "is required: any JSON value");
    }
    String message = ServerFrames.message(name, c.userId(), JsonWriter.write(frame.body().get("data")));
    deliver(name, message, c);
    bus.publish("message", new Document("c", name).append("f", message));
    c.send(ServerFrames.ack(frame.id()));
  }

  private void deliver(String channel, String message, Connection sender) {
    Room room = rooms.get(channel);
    if (room == null) {
      return;
    }
    for (Connection member : room.local) {
      if (member != sender) {
        member.send(message);
      }
    }
  }

  /** Whether this replica has members in any channel. */
  boolean isEmpty() {
    return rooms.isEmpty();
  }

  void onBus(@Observes RedisBus.Message message) {
    switch (message.type()) {
      case "message" ->
          deliver(message.body().getString("c"), message.body().getString("f"), null);
      case "presence" -> {
        Room room = rooms.get(message.body().getString("c"));
        if (room != null) {
          Document members = message.body().get("m", Document.class);
          Map<String, String> entries = new HashMap<>();
          members.forEach((k, v) -> entries.put(k, String.valueOf(v)));
          apply(room, message.body().get("s", Number.class).longValue(), entries);
        }
      }
      default -> {
        // for other controls
      }
    }
  }

  /** Redis is (back) up: write this replica's entries again and take the global view. */
  void onUp(@Observes RedisBus.Up up) {
    for (String name : List.copyOf(rooms.keySet())) {
      write(name);
    }
    try {
      for (String stale : redis.smembers(replicaChannelsKey(bus.replicaId()))) {
        if (!rooms.containsKey(stale)) {
          write(stale);
        }
      }
    } catch (JedisException e) {
      LOG.log(Level.FINE, "realtime: cleaning up stale presence failed", e);
    }
  }

  /**
   * Writes this replica's members of a channel to Redis and applies the answer; without Redis,
   * applies them to the last view. True when a presence frame went to the channel's members.
   * Writes of one channel are serialised and read the members when they run, so the last write
   * always carries the current members, even while a room is dropped and made anew.
   */
  boolean write(String name) {
    synchronized (LOCKS[Math.floorMod(name.hashCode(), LOCKS.length)]) {
      Room room = rooms.get(name);
      Map<String, String> mine = new LinkedHashMap<>();
      if (room != null) {
        for (Connection c : room.local) {
          mine.put(field(bus.replicaId(), c), c.userId());
        }
      }
      if (bus.isUp()) {
        try {
          List<String> args = new ArrayList<>();
          args.add(bus.replicaId() + "/");
          args.add(name);
          args.add(Integer.toString(settings.replicaTtlSeconds()));
          args.add(bus.replicaId());
          mine.forEach(
              (field, user) -> {
                args.add(field);
                args.add(user);
              });
          Object answer =
              redis.eval(
                  SET_SCRIPT,
                  List.of(
                      presenceKey(name),
                      seqKey(),
                      replicaChannelsKey(bus.replicaId()),
                      aliveKey(bus.replicaId()),
                      replicasKey()),
                  args);
          return published(name, room, answer);
        } catch (JedisException e) {
          LOG.log(Level.FINE, "realtime: presence write failed; going on locally", e);
        }
      }
      return room != null && applyLocally(room, mine);
    }
  }

  private boolean published(String name, Room room, Object answer) {
    List<?> result = (List<?>) answer;
    long seq = ((Number) result.get(0)).longValue();
    Map<String, String> entries = pairs((List<?>) result.get(1));
    Document members = new Document();
    entries.forEach(members::append);
    bus.publish("presence", new Document("c", name).append("s", seq).append("m", members));
    return room != null && apply(room, seq, entries);
  }

  private static Map<String, String> pairs(List<?> flat) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  /** Takes a view if it is newer than the one held; sends presence when the members changed. */
  boolean apply(Room room, long seq, Map<String, String> entries) {
    List<String> changed;
    synchronized (room) {
      if (seq <= room.seq) {
        return false;
      }
      room.seq = seq;
      room.entries = entries;
      changed = changedMembers(room);
    }
    return broadcast(room, changed);
  }

  private boolean applyLocally(Room room, Map<String, String> mine) {
    List<String> changed;
    synchronized (room) {
      Map<String, String> entries = new HashMap<>();
      String prefix = bus.replicaId() + "/";
      room.entries.forEach(
          (field, user) -> {
            if (!field.startsWith(prefix)) {
              entries.put(field, user);
            }
          });
      entries.putAll(mine);
      room.entries = entries;
      changed = changedMembers(room);
    }
    return broadcast(room, changed);
  }

  /** The new member list when it differs from the last one sent (caller holds the room). */
  private static List<String> changedMembers(Room room) {
    List<String> members = List.copyOf(new TreeSet<>(room.entries.values()));
    if (members.equals(room.lastSent)) {
      return null;
    }
    room.lastSent = members;
    return members;
  }

  private static boolean broadcast(Room room, List<String> members) {
    if (members == null) {
      return false;
    }
    String frame = ServerFrames.presence(room.name, members);
    for (Connection c : room.local) {
      c.send(frame);
    }
    return true;
  }

  /** Keeps this replica alive in Redis and removes the entries of replicas that died. */
  void tick() {
    if (rooms.isEmpty() || !bus.isUp() || !ticking.compareAndSet(false, true)) {
      return;
    }
    try {
      long now = System.currentTimeMillis();
      // well within the key's time to live, and the dead are looked for twice per TTL
      long ttl = settings.replicaTtlSeconds() * 1000L;
      if (now - lastHeartbeat >= ttl / 3) {
        lastHeartbeat = now;
        redis.setex(aliveKey(bus.replicaId()), settings.replicaTtlSeconds(), "1");
        redis.sadd(replicasKey(), bus.replicaId());
      }
      if (now - lastSweep >= ttl / 2) {
        lastSweep = now;
        sweep();
      }
    } catch (JedisException e) {
      LOG.log(Level.FINE, "realtime: presence heartbeat failed", e);
    } finally {
      ticking.set(false);
    }
  }

  private void sweep() {
    for (String replica : redis.smembers(replicasKey())) {
      if (replica.equals(bus.replicaId()) || redis.exists(aliveKey(replica))) {
        continue;
      }
      for (String channel : redis.smembers(replicaChannelsKey(replica))) {
        Object answer =
            redis.eval(
                SWEEP_SCRIPT,
                List.of(
                    presenceKey(channel), seqKey(), replicaChannelsKey(replica), aliveKey(replica)),
                List.of(replica + "/", channel));
        if (answer == null) {
          break;
        }
        Room room = rooms.get(channel);
        List<?> result = (List<?>) answer;
        long seq = ((Number) result.get(0)).longValue();
        Map<String, String> entries = pairs((List<?>) result.get(1));
        Document members = new Document();
        entries.forEach(members::append);
        bus.publish("presence", new Document("c", channel).append("s", seq).append("m", members));
        if (room != null) {
          apply(room, seq, entries);
        }
      }
      if (redis.scard(replicaChannelsKey(replica)) == 0) {
        redis.srem(replicasKey(), replica);
      }
    }
  }

  /** The replica is stopping: its members leave every channel, seen by the other replicas. */
  void shutdown() {
    if (!used) {
      return;
    }
    List<String> names = List.copyOf(rooms.keySet());
    rooms.clear();
    for (String name : names) {
      write(name);
    }
    try {
      redis.del(aliveKey(bus.replicaId()));
      redis.srem(replicasKey(), bus.replicaId());
    } catch (JedisException e) {
      // the others will sweep
    }
  }

  private static String channelOf(ClientFrame frame) {
    String name = frame.requireString("channel");
    if (!NAME.matcher(name).matches()) {
      throw ProblemException.invalid(
          "channel",
          "must start with a letter or digit and contain only letters, digits and _ . : @ -"
              + " (at most 128 characters)");
    }
    return name;
  }

  static String field(String replicaId, Connection c) {
    return replicaId + "/" + c.id;
  }

  private String presenceKey(String channel) {
    return backpack.redisPrefix() + "rt:presence:" + channel;
  }

  private String seqKey() {
    return backpack.redisPrefix() + "rt:presence-seq";
  }

  private String replicaChannelsKey(String replica) {
    return backpack.redisPrefix() + "rt:replica-channels:" + replica;
  }

  private String aliveKey(String replica) {
    return backpack.redisPrefix() + "rt:replica:" + replica;
  }

  private String replicasKey() {
    return backpack.redisPrefix() + "rt:replicas";
  }
}
