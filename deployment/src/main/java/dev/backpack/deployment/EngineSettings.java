package dev.backpack.deployment;

import java.util.Map;
import java.util.Objects;

/**
 * Where one backpack keeps its records, users and file metadata: the settings of core-war's data
 * engine in the backpack's settings file. {@link Postgres} (the default) when the platform has no
 * MongoDB, {@link MongoDb} when it was given one ({@code BACKPACK_MONGODB_URI}); core-war chooses
 * {@code mongodb} when {@code backpack.mongodb.uri} is set and not blank, {@code postgres}
 * otherwise, so exactly one engine's keys are written.
 */
public sealed interface EngineSettings {

  /**
   * Adds this engine's keys to a backpack's settings.
   *
   * @param settings the settings, in the contract's order
   */
  void putInto(Map<String, String> settings);

  /**
   * The platform's PostgreSQL, logged into as the backpack's own role, which owns the backpack's
   * own schema.
   *
   * @param url JDBC URL of the platform's database
   * @param user the backpack's role ({@link BackpackName#role()})
   * @param password its password (secret)
   * @param schema the backpack's schema ({@link BackpackName#schema()})
   * @param maxConnections the most connections the backpack's pool may open
   */
  record Postgres(String url, String user, String password, String schema, int maxConnections) implements EngineSettings {

    /** The size of core-war's pool unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if one is missing or the pool size is not positive
     */
    public Postgres {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(schema, "schema");
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
      }
    }

    /**
     * The backpack's own role and schema on the platform's server, with the default pool size.
     *
     * @param url JDBC URL of the platform's database
     * @param name the backpack
     * @param password its role's password
     * @return the settings
     */
    public static Postgres of(String url, BackpackName name, String password) {
      return new Postgres(url, name.role(), password, name.schema(), DEFAULT_MAX_CONNECTIONS);
    }

    @Override
    public void putInto(Map<String, String> settings) {
      settings.put("backpack.postgres.url", url);
      settings.put("backpack.postgres.user", user);
      settings.put("backpack.postgres.password", password);
      settings.put("backpack.postgres.schema", schema);
      settings.put("backpack.postgres.max-connections", Integer.toString(maxConnections));
    }

    /** Without the password. */
    @Override
    public String toString() {
      return "Postgres[url=" + url + ", user=" + user + ", schema=" + schema + ", maxConnections=" + maxConnections + "]";
    }
  }

  /**
   * A MongoDB the team runs: one database per backpack.
   *
   * @param uri the connection string
   * @param database the backpack's database ({@link BackpackName#database()})
   */
  record MongoDb(String uri, String database) implements EngineSettings {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the URI is blank
     */
    public MongoDb {
      Objects.requireNonNull(database, "database");
      if (uri == null || uri.isBlank()) {
        throw new IllegalArgumentException("a MongoDB URI is required");
      }
    }

    /**
     * The backpack's own database on the given server.
     *
     * @param uri the connection string
     * @param name the backpack
     * @return the settings
     */
    public static MongoDb of(String uri, BackpackName name) {
      return new MongoDb(uri, name.database());
    }

    @Override
    public void putInto(Map<String, String> settings) {
      settings.put("backpack.mongodb.uri", uri);
      settings.put("backpack.mongodb.database", database);
    }

    /** Without the connection string, which may hold a password. */
    @Override
    public String toString() {
      return "MongoDb[database=" + database + "]";
    }
  }
}
