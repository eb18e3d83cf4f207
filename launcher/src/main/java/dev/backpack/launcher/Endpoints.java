package dev.backpack.launcher;

/**
 * Where the backing servers are, embedded or external.
 *
 * @param mongoUri MongoDB connection string
 * @param redisUri Redis URI
 * @param postgresUrl PostgreSQL JDBC URL
 * @param postgresUser PostgreSQL user
 * @param postgresPassword PostgreSQL password (empty for the embedded server: trust on loopback)
 */
public record Endpoints(String mongoUri, String redisUri, String postgresUrl, String postgresUser, String postgresPassword) {

  @Override
  public String toString() {
    return "Endpoints[mongoUri=" + mongoUri + ", redisUri=" + redisUri + ", postgresUrl=" + postgresUrl + ", postgresUser=" + postgresUser + "]";
  }
}
