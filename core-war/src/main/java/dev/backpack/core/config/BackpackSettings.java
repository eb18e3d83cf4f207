package dev.backpack.core.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every setting of one backpack, read once from MicroProfile Config. */
@ApplicationScoped
public class BackpackSettings {

  @Inject
  @ConfigProperty(name = "backpack.name", defaultValue = "backpack")
  String name;

  @Inject
  @ConfigProperty(name = "backpack.mongodb.uri")
  Optional<String> mongoUri;

  @Inject
  @ConfigProperty(name = "backpack.mongodb.database", defaultValue = "backpack")
  String mongoDatabase;

  @Inject
  @ConfigProperty(name = "backpack.postgres.url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres")
  String postgresUrl;

  @Inject
  @ConfigProperty(name = "backpack.postgres.user", defaultValue = "backpack")
  String postgresUser;

  @Inject
  @ConfigProperty(name = "backpack.postgres.password")
  Optional<String> postgresPassword;

  @Inject
  @ConfigProperty(name = "backpack.postgres.schema")
  Optional<String> postgresSchema;

  @Inject
  @ConfigProperty(name = "backpack.postgres.max-connections", defaultValue = "10")
  int postgresMaxConnections;

  @Inject
  @ConfigProperty(name = "backpack.import.mongodb.uri")
  Optional<String> importMongoUri;

  @Inject
  @ConfigProperty(name = "backpack.import.mongodb.database")
  Optional<String> importMongoDatabase;

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

  /** The MongoDB server of the {@code mongodb} engine; empty: the {@code postgres} engine. */
  public Optional<String> mongoUri() {
    return mongoUri.filter(u -> !u.isBlank());
  }

  public String postgresUrl() {
    return postgresUrl;
  }

  /** The backpack's own role. */
  public String postgresUser() {
    return postgresUser;
  }

  public String postgresPassword() {
    return postgresPassword.orElse("");
  }

  /** The backpack's own schema: the role's name unless set. */
  public String postgresSchema() {
    return postgresSchema.filter(s -> !s.isBlank()).orElse(postgresUser);
  }

  /** The most connections this backpack's pool opens (it keeps none while idle). */
  public int postgresMaxConnections() {
    return postgresMaxConnections;
  }

  public String mongoDatabase() {
    return mongoDatabase;
  }

  /**
   * The MongoDB store of an earlier release whose data this backpack imports at its first start on
   * the postgres engine ({@code backpack.import.mongodb.uri} and {@code .database}), if any.
   */
  public Optional<Map.Entry<String, String>> importMongo() {
    if (importMongoUri.filter(u -> !u.isBlank()).isEmpty() || importMongoDatabase.filter(d -> !d.isBlank()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(importMongoUri.get(), importMongoDatabase.get()));
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
