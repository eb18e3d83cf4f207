package dev.backpack.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server ({@code de.bwaldvogel:mongo-java-server}) bound to 127.0.0.1.
 *
 * <p>{@link #onDisk(Path, int)} stores everything in one H2 MVStore file under the given directory
 * ({@value #STORE_FILE}); {@link #close()} commits and closes that file so the data survives a
 * restart. {@link #inMemory(int)} (same backend, no file) is for tests that need no persistence.
 *
 * <p>The oplog (needed for change streams) is off unless asked for with {@link #withOplog()}: the
 * stand-in keeps it as an ordinary, never-trimmed collection ({@code local.oplog.rs}), so every
 * write is written twice and the file only grows.
 */
public final class EmbeddedMongo implements AutoCloseable {

  /** Name of the H2 MVStore file inside the data directory. */
  public static final String STORE_FILE = "mongo.mv";

  private final MongoBackend backend;
  private final Path storeFile;
  private final int requestedPort;
  private boolean oplog;
  private boolean closed;
  private MongoServer server;
  private int port;

  private EmbeddedMongo(MongoBackend backend, Path storeFile, int port) {
    this.backend = backend;
    this.storeFile = storeFile;
    this.requestedPort = port;
  }

  /**
   * A server whose data lives in {@code dir/}{@value #STORE_FILE}; not started yet.
   *
   * @param dir data directory, created when missing
   * @param port TCP port on 127.0.0.1, 0 for a free one
   * @return the unstarted server
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static EmbeddedMongo onDisk(Path dir, int port) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Path file = dir.toAbsolutePath().resolve(STORE_FILE);
    return new EmbeddedMongo(new H2Backend(file.toString()), file, port);
  }

  /**
   * A server that keeps everything in memory (H2 in-memory store; for tests); not started yet.
   *
   * @param port TCP port on 127.0.0.1, 0 for a free one
   * @return the unstarted server
   */
  public static EmbeddedMongo inMemory(int port) {
    return new EmbeddedMongo(H2Backend.inMemory(), null, port);
  }

  /**
   * Turns on the oplog so that change streams work (see the class comment for its cost).
   *
   * @return this
   * @throws IllegalStateException if the server already runs
   */
  public EmbeddedMongo withOplog() {
    if (server != null) {
      throw new IllegalStateException("enable the oplog before start()");
    }
    oplog = true;
    return this;
  }

  /**
   * Binds the server to 127.0.0.1.
   *
   * @return this
   * @throws IllegalStateException if already started
   */
  public synchronized EmbeddedMongo start() {
    if (server != null || closed) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    MongoServer created = new MongoServer(backend);
    if (oplog) {
      created.enableOplog();
    }
    created.bind("127.0.0.1", FreePort.orFree(requestedPort));
    port = created.getLocalAddress().getPort();
    server = created;
    return this;
  }

  /**
   * The port the server listens on.
   *
   * @return the TCP port
   * @throws IllegalStateException if not started
   */
  public int port() {
    requireStarted();
    return port;
  }

  /**
   * The connection string for drivers, e.g. {@code mongodb://127.0.0.1:27017}.
   *
   * @return the connection string
   * @throws IllegalStateException if not started
   */
  public String connectionString() {
    return "mongodb://127.0.0.1:" + port();
  }

  /**
   * The MVStore file, or {@code null} for the in-memory variant.
   *
   * @return the data file or null
   */
  public Path storeFile() {
    return storeFile;
  }

  /**
   * Stops listening, then commits and closes the store. Idempotent; a closed server cannot be
   * started again (open a new one on the same directory instead).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.shutdown();
      server = null;
    }
    // MongoServer.shutdown() only stops the network side; the backend must be closed on its own.
    // For H2 that is MVStore.close(), which writes the last unsaved changes to the file.
    backend.close();
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
  }
}
