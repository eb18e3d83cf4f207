package dev.backpack.core.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every setting of one backpack, read once from MicroProfile Config. */
@ApplicationScoped
public class BackpackSettings {

  @Inject
  @ConfigProperty(name = "backpack.name", defaultValue = "backpack")
  String name;

  @Inject
  @ConfigProperty(name = "backpack.mongodb.uri", defaultValue = "mongodb://127.0.0.1:27017")
  String mongoUri;

  @Inject
  @ConfigProperty(name = "backpack.mongodb.database", defaultValue = "backpack")
  String mongoDatabase;

  @Inject
  @ConfigProperty(name = "backpack.redis.uri", defaultValue = "redis://127.0.0.1:6379")
  String redisUri;

  @Inject
  @ConfigProperty(name = "backpack.redis.prefix", defaultValue = "bp:backpack:")
  String redisPrefix;

  @Inject
  @ConfigProperty(name = "backpack.files.dir", defaultValue = "files")
  String filesDir;

  @Inject
  @ConfigProperty(name = "backpack.admin.key")
  Optional<String> adminKey;

  @Inject
  @ConfigProperty(name = "backpack.limits.record-bytes", defaultValue = "1048576")
  int maxRecordBytes;

  @Inject
  @ConfigProperty(name = "backpack.limits.query-millis", defaultValue = "5000")
  long queryMillis;

  @Inject
  @ConfigProperty(name = "backpack.client-collections", defaultValue = "true")
  boolean clientCollections;

  public String name() {
    return name;
  }

  public String mongoUri() {
    return mongoUri;
  }

  public String mongoDatabase() {
    return mongoDatabase;
  }

  public String redisUri() {
    return redisUri;
  }

  public String redisPrefix() {
    return redisPrefix;
  }

  public String filesDir() {
    return filesDir;
  }

  /** The backpack admin key; empty means the admin routes accept nobody. */
  public Optional<String> adminKey() {
    return adminKey.filter(k -> !k.isBlank());
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  public long queryMillis() {
    return queryMillis;
  }

  public boolean clientCollections() {
    return clientCollections;
  }
}
