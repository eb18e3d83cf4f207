package dev.backpack.admin.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every setting of the platform, read once from MicroProfile Config (the launcher's file, else the
 * environment: {@code backpack.postgres.url} is {@code BACKPACK_POSTGRES_URL}).
 */
@ApplicationScoped
public class PlatformConfig {

  @Inject
  @ConfigProperty(name = "backpack.postgres.url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres")
  String postgresUrl;

  @Inject
  @ConfigProperty(name = "backpack.postgres.user", defaultValue = "postgres")
  String postgresUser;

  @Inject
  @ConfigProperty(name = "backpack.postgres.password")
  Optional<String> postgresPassword;

  @Inject
  @ConfigProperty(name = "backpack.redis.uri", defaultValue = "redis://127.0.0.1:6379")
  String redisUri;

  @Inject
  @ConfigProperty(name = "backpack.mongodb.uri")
  Optional<String> mongoUri;

  @Inject
  @ConfigProperty(name = "backpack.import.mongodb.uri")
  Optional<String> importMongoUri;

  @Inject
  @ConfigProperty(name = "backpack.data.dir", defaultValue = "data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "backpack.core.war")
  Optional<String> coreWar;

  @Inject
  @ConfigProperty(name = "backpack.driver", defaultValue = "inprocess")
  String driver;

  @Inject
  @ConfigProperty(name = "backpack.public.url", defaultValue = "http://127.0.0.1:8080/")
  String publicUrl;

  @Inject
  @ConfigProperty(name = "backpack.internal.url")
  Optional<String> internalUrl;

  @Inject
  @ConfigProperty(name = "backpack.platform.ensure")
  Optional<String> ensure;

  @Inject
  @ConfigProperty(name = "backpack.platform.system-key")
  Optional<String> systemKey;

  @Inject
  @ConfigProperty(name = "backpack.platform.faults")
  Optional<String> faults;

  @Inject
  @ConfigProperty(name = "backpack.platform.health-timeout-seconds", defaultValue = "120")
  int healthTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "backpack.platform.redis-prefix", defaultValue = "platform:")
  String redisPrefix;

  public String postgresUrl() {
    return postgresUrl;
  }

  public String postgresUser() {
    return postgresUser;
  }

  public String postgresPassword() {
    return postgresPassword.orElse("");
  }

  public String redisUri() {
    return redisUri;
  }

  /**
   * The MongoDB the platform was given ({@code BACKPACK_MONGODB_URI}): backpacks then keep their
   * data there (engine {@code mongodb}); empty (the default) means the platform's PostgreSQL.
   */
  public Optional<String> mongoUri() {
    return mongoUri.filter(s -> !s.isBlank());
  }

  /**
   * The MongoDB store of an earlier release ({@code DATA/mongo/}, served by the launcher during
   * this start only): backpacks on PostgreSQL import their data from it when they start. Empty
   * (the default) when there is nothing to import.
   */
  public Optional<String> importMongoUri() {
    return importMongoUri.filter(s -> !s.isBlank());
  }

  /** The data directory ({@code backpacks/}, {@code core/} below it). */
  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  /** The core WAR the in-process driver deploys. */
  public Optional<Path> coreWar() {
    return coreWar.filter(s -> !s.isBlank()).map(Path::of);
  }

  public String driver() {
    return driver;
  }

  /** Where users reach the platform, ending in {@code /}; a backpack is at {@code <name>/} below it. */
  public URI publicUrl() {
    return slash(publicUrl);
  }

  /** Where the platform itself reaches in-process backpacks (loopback), ending in {@code /}. */
  public URI internalUrl() {
    return internalUrl.filter(s -> !s.isBlank()).map(PlatformConfig::slash).orElse(publicUrl());
  }

  /** Backpacks that must exist after start-up ({@code ./backpack --backpack NAME}). */
  public List<String> ensure() {
    return ensure.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()).orElse(List.of());
  }

  /** The key of the launcher's system routes; empty disables them. */
  public Optional<String> systemKey() {
    return systemKey.filter(k -> k.length() >= 32);
  }

  /** Failures injected for tests, see {@code dev.backpack.admin.backpacks.control.Faults}. */
  public String faults() {
    return faults.orElse("");
  }

  public int healthTimeoutSeconds() {
    return healthTimeoutSeconds;
  }

  /** Prefix of the platform's Redis keys (sessions, rate limits); never {@code bp:}, the backpacks'. */
  public String redisPrefix() {
    return redisPrefix;
  }

  private static URI slash(String url) {
    return URI.create(url.endsWith("/") ? url : url + "/");
  }
}
