package dev.backpack.admin.accounts.control;

import dev.backpack.admin.platform.control.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
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
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.GetExParams;

/**
 * Platform sessions in Redis under the platform's prefix. A token is 256 random bits shown to the
 * client once; Redis keeps only its SHA-256 ({@code <prefix>session:<hash>} → account id), so a
 * dump of Redis reveals no usable token. The TTL slides: every use renews it.
 */
@ApplicationScoped
public class Sessions {

  static final int TOKEN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject PlatformConfig config;
  @Inject JedisPooled redis;

  @Inject
  @ConfigProperty(name = "backpack.platform.sessions.ttl-seconds", defaultValue = "43200")
  long ttlSeconds;

  /** Starts a session and returns its token. */
  public String start(String accountId) {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = hash(token);
    try (AbstractTransaction tx = redis.multi()) {
      tx.setex(sessionKey(hash), ttlSeconds, accountId);
      tx.sadd(accountKey(accountId), hash);
      tx.expire(accountKey(accountId), ttlSeconds);
      tx.exec();
    }
    return token;
  }

  /** The account of a live session, renewing its TTL. */
  public Optional<String> accountOf(String token) {
    if (token == null || token.isEmpty() || token.length() > 128) {
      return Optional.empty();
    }
    String accountId = redis.getEx(sessionKey(hash(token)), new GetExParams().ex(ttlSeconds));
    if (accountId != null) {
      redis.expire(accountKey(accountId), ttlSeconds);
    }
    return Optional.ofNullable(accountId);
  }

  /** Ends one session. */
  public void end(String token) {
    String hash = hash(token);
    String accountId = redis.get(sessionKey(hash));
    redis.del(sessionKey(hash));
    if (accountId != null) {
      redis.srem(accountKey(accountId), hash);
    }
  }

  /** Ends every session of an account. */
  public void endAll(String accountId) {
    Set<String> hashes = redis.smembers(accountKey(accountId));
    for (String hash : hashes) {
      redis.del(sessionKey(hash));
    }
    redis.del(accountKey(accountId));
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  private String sessionKey(String hash) {
    return config.redisPrefix() + "session:" + hash;
  }

  private String accountKey(String accountId) {
    return config.redisPrefix() + "account-sessions:" + accountId;
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
