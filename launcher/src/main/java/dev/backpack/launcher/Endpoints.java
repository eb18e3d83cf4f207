package dev.backpack.launcher;

/**
 * Where the backing servers are, embedded or external.
 *
 * @param mongoUri the external MongoDB's connection string ({@code BACKPACK_MONGODB_URI}), in which
 *     backpacks then keep their data; null when there is none (the default: PostgreSQL)
 * @param redisUri Redis URI
 * @param postgresUrl PostgreSQL JDBC URL (the platform's registry, and the backpacks' data unless
 *     a MongoDB is given)
 * @param postgresUser PostgreSQL user of the platform (superuser of the embedded server)
 * @param postgresPassword its password (generated for the embedded server)
 */
public record Endpoints(String mongoUri, String redisUri, String postgresUrl, String postgresUser, String postgresPassword) {

  /**
   * The external MongoDB, if any.
   *
   * @return its connection string
   */
  public java.util.Optional<String> mongoDb() {
    return java.util.Optional.ofNullable(mongoUri).filter(u -> !u.isBlank());
  }

  /** Without secrets: no password, no MongoDB connection string (it may hold one). */
  @Override
  public String toString() {
    return "Endpoints[mongoDb=" + (mongoDb().isPresent() ? "external" : "none") + ", redisUri=" + redisUri + ", postgresUrl=" + postgresUrl + ", postgresUser=" + postgresUser + "]";
  }
}
