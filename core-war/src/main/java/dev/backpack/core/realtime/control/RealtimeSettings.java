package dev.backpack.core.realtime.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The limits and timings of realtime, each a MicroProfile Config key with a default:
 *
 * <ul>
 *   <li>{@code backpack.realtime.max-frame-bytes} (65536): a larger client frame gets a 413 error
 *       (the socket stays); above {@value #HARD_FRAME_BYTES} the container closes with 1009;
 *   <li>{@code queue-frames} (1000), {@code queue-bytes} (4 MiB): what may wait for a socket;
 *       more closes it as a slow consumer (4001);
 *   <li>{@code send-window-bytes} (64 KiB): what may be written to a socket before the client
 *       confirms with a pong;
 *   <li>{@code frames-per-second} (50), {@code frame-burst} (100): client frames per socket;
 *       over it 429 errors, far over it close 4429;
 *   <li>{@code ping-seconds} (30), {@code idle-seconds} (75): pings, and closing silent sockets
 *       (4408);
 *   <li>{@code auth-seconds} (10): time to authenticate; {@code auth-grace-millis} (1000): the
 *       delay before closing a socket that sent something else first (4401);
 *   <li>{@code session-check-seconds} (60): how often a socket's session is checked (and kept
 *       alive);
 *   <li>{@code max-subscriptions} (100), {@code max-channels} (100) per socket; {@code
 *       max-sockets} (20000) per replica; {@code max-sockets-per-user} (50) per replica;
 *   <li>{@code snapshot-limit} (100): records in a snapshot unless the frame asks (1..1000);
 *   <li>{@code rules-cache-millis} (1000): how long a collection's rules are reused;
 *   <li>{@code publish-queue-bytes} (64 MiB): messages waiting for Redis;
 *   <li>{@code replica-ttl-seconds} (30): a replica silent this long loses its channel members.
 * </ul>
 */
@ApplicationScoped
public class RealtimeSettings {

  /** The hard frame limit the WebSocket container enforces (close 1009); see the endpoint. */
  public static final int HARD_FRAME_BYTES = 1024 * 1024;

  @Inject
  @ConfigProperty(name = "backpack.realtime.max-frame-bytes", defaultValue = "65536")
  int maxFrameBytes;

  @Inject
  @ConfigProperty(name = "backpack.realtime.queue-frames", defaultValue = "1000")
  int queueFrames;

  @Inject
  @ConfigProperty(name = "backpack.realtime.queue-bytes", defaultValue = "4194304")
  long queueBytes;

  @Inject
  @ConfigProperty(name = "backpack.realtime.send-window-bytes", defaultValue = "65536")
  long sendWindowBytes;

  @Inject
  @ConfigProperty(name = "backpack.realtime.frames-per-second", defaultValue = "50")
  int framesPerSecond;

  @Inject
  @ConfigProperty(name = "backpack.realtime.frame-burst", defaultValue = "100")
  int frameBurst;

  @Inject
  @ConfigProperty(name = "backpack.realtime.ping-seconds", defaultValue = "30")
  int pingSeconds;

  @Inject
  @ConfigProperty(name = "backpack.realtime.idle-seconds", defaultValue = "75")
  int idleSeconds;

  @Inject
  @ConfigProperty(name = "backpack.realtime.auth-seconds", defaultValue = "10")
  int authSeconds;

  @Inject
  @ConfigProperty(name = "backpack.realtime.auth-grace-millis", defaultValue = "1000")
  int authGraceMillis;

  @Inject
  @ConfigProperty(name = "backpack.realtime.session-check-seconds", defaultValue = "60")
  int sessionCheckSeconds;

  @Inject
  @ConfigProperty(name = "backpack.realtime.max-subscriptions", defaultValue = "100")
  int maxSubscriptions;

  @Inject
  @ConfigProperty(name = "backpack.realtime.max-channels", defaultValue = "100")
  int maxChannels;

  @Inject
  @ConfigProperty(name = "backpack.realtime.max-sockets", defaultValue = "20000")
  int maxSockets;

  @Inject
  @ConfigProperty(name = "backpack.realtime.max-sockets-per-user", defaultValue = "50")
  int maxSocketsPerUser;

  @Inject
  @ConfigProperty(name = "backpack.realtime.snapshot-limit", defaultValue = "100")
  int snapshotLimit;

  @Inject
  @ConfigProperty(name = "backpack.realtime.rules-cache-millis", defaultValue = "1000")
  long rulesCacheMillis;

  @Inject
  @ConfigProperty(name = "backpack.realtime.publish-queue-bytes", defaultValue = "67108864")
  long publishQueueBytes;

  @Inject
  @ConfigProperty(name = "backpack.realtime.replica-ttl-seconds", defaultValue = "30")
  int replicaTtlSeconds;

  public int maxFrameBytes() {
    return Math.min(maxFrameBytes, HARD_FRAME_BYTES);
  }

  public int queueFrames() {
    return queueFrames;
  }

  public long queueBytes() {
    return queueBytes;
  }

  public long sendWindowBytes() {
    return sendWindowBytes;
  }

  public int framesPerSecond() {
    return framesPerSecond;
  }

  public int frameBurst() {
    return Math.max(frameBurst, 1);
  }

  public int pingSeconds() {
    return pingSeconds;
  }

  public int idleSeconds() {
    return idleSeconds;
  }

  public int authSeconds() {
    return authSeconds;
  }

  public int authGraceMillis() {
    return authGraceMillis;
  }

  public int sessionCheckSeconds() {
    return sessionCheckSeconds;
  }

  public int maxSubscriptions() {
    return maxSubscriptions;
  }

  public int maxChannels() {
    return maxChannels;
  }

  public int maxSockets() {
    return maxSockets;
  }

  public int maxSocketsPerUser() {
    return maxSocketsPerUser;
  }

  public int snapshotLimit() {
    return snapshotLimit;
  }

  public long rulesCacheMillis() {
    return rulesCacheMillis;
  }

  public long publishQueueBytes() {
    return publishQueueBytes;
  }

  public int replicaTtlSeconds() {
    return replicaTtlSeconds;
  }
}
