package dev.backpack.core.auth.control;

import dev.backpack.core.config.BackpackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.AbstractTransaction;

/**
 * Sessions in Redis under this backpack's prefix. A token is 256 random bits shown to the client
 * once; Redis keeps only its SHA-256 ({@code <prefix>session:<hash>} → user id), so a dump of Redis
 * reveals no usable token. The TTL slides: every use renews it. Each user's session hashes are
 * also kept in a set, so deleting a user or changing a password ends all their sessions.
 */
@ApplicationScoped
public class Sessions {

  /**
   * Fired after sessions ended (logout, password change, user deleted): {@code sessionId} is the
   * one session ({@link #idOf(String)}), or {@code null} for every session of the user. Realtime
   * closes the sockets signed in with them.
   */
  public record Ended(String userId, String sessionId) {}

  static final int TOKEN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject BackpackSettings settings;
  @Inject JedisPooled redis;
  @Inject Event<Ended> ended;

  @Inject
  @ConfigProperty(name = "backpack.sessions.ttl-seconds", defaultValue = "1209600")
  long ttlSeconds;

  /** Starts a session and returns its token. */
  public String start(String userId) {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = hash(token);
    try (AbstractTransaction tx = redis.multi()) {
      tx.setex(sessionKey(hash), ttlSeconds, userId);
      tx.sadd(userKey(userId), hash);
      tx.expire(userKey(userId), ttlSeconds);
      tx.exec();
    }
    return token;
  }

  /** The user of a live session, renewing its TTL. */
  public Optional<String> userOf(String token) {
    if (token == null || token.isEmpty() || token.length() > 128) {
      return Optional.empty();
    }
    String key = sessionKey(hash(token));
    String userId = redis.getEx(key, new redis.clients.jedis.params.GetExParams().ex(ttlSeconds));
    if (userId != null) {
      redis.expire(userKey(userId), ttlSeconds);
    }
    return Optional.ofNullable(userId);
  }

  /** Ends one session. */
  public void end(String token) {
    String hash = hash(token);
    String key = sessionKey(hash);
    String userId = redis.get(key);
    redis.del(key);
    if (userId != null) {
      redis.srem(userKey(userId), hash);
      ended.fire(new Ended(userId, hash));
    }
  }

  /** Ends every session of a user. */
  public void endAll(String userId) {
    Set<String> hashes = redis.smembers(userKey(userId));
    for (String hash : hashes) {
      redis.del(sessionKey(hash));
    }
    redis.del(userKey(userId));
    ended.fire(new Ended(userId, null));
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  private String sessionKey(String hash) {
    return settings.redisPrefix() + "session:" + hash;
  }

  private String userKey(String userId) {
    return settings.redisPrefix() + "user-sessions:" + userId;
  }

  /** The id of the session behind a token: what Redis stores instead of the token. */
  public static String idOf(String token) {
    return hash(token);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
