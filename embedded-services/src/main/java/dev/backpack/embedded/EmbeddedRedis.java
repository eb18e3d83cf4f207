package dev.backpack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (the binary shipped in {@code com.github.codemonstur:embedded-redis})
 * bound to 127.0.0.1, persisting into a directory of its own.
 *
 * <p>Persistence is the append-only file ({@code appendonly yes}, {@code appendfsync everysec}, no
 * RDB snapshots): at most one second of writes is lost on a crash, nothing on {@link #stop()},
 * which sends SIGTERM so that redis flushes and exits on its own.
 *
 * <p>The port is chosen once, when the object is made, so {@link #stop()} followed by {@link
 * #start()} comes back on the same port (tests use that to simulate an outage).
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

  /** The pid file redis-server writes in its directory. */
  static final String PID_FILE = "redis.pid";

  private final Path dir;
  private final int port;
  private final RedisServer server;

  private EmbeddedRedis(Path dir, int port) throws IOException {
    this.dir = dir;
    this.port = port;
    this.server =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(port)
            .setting("dir " + quoted(dir.toString()))
            .setting("appendonly yes")
            .setting("appendfsync everysec")
            .setting("save \"\"")
            .setting("daemonize no")
            // how a later start recognises a redis-server this directory's earlier run left behind
            .setting("pidfile " + quoted(dir.resolve(PID_FILE).toString()))
            .setting("protected-mode yes")
            // SIGTERM, not SIGKILL: redis fsyncs the append-only file before it exits
            .onShutdownForceStop(false)
            .soutListener(line -> LOG.log(Level.FINE, "redis: {0}", line))
            .serrListener(line -> LOG.log(Level.WARNING, "redis: {0}", line))
            .build();
  }

  /**
   * A server persisting into {@code dir}; not started yet.
   *
   * @param dir data directory (append-only file), created when missing
   * @param port TCP port on 127.0.0.1, 0 for a free one (chosen now and kept across restarts)
   * @return the unstarted server
   * @throws UncheckedIOException if the directory or the server binary cannot be prepared
   */
  public static EmbeddedRedis create(Path dir, int port) {
    try {
      Path absolute = dir.toAbsolutePath();
      Files.createDirectories(absolute);
      return new EmbeddedRedis(absolute, FreePort.orFree(port));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare redis in " + dir, e);
    }
  }

  /**
   * Starts {@code redis-server} and waits until it accepts connections. No-op when running.
   *
   * @return this
   * @throws UncheckedIOException if the process does not come up
   */
  public synchronized EmbeddedRedis start() {
    return start(line -> {});
  }

  /**
   * Starts redis-server as {@link #start()} does, first stopping one that an earlier run left
   * running on the same directory ({@link LeftOver}: its pid file and a {@code redis-server}
   * command line), so that two servers never share one append-only file.
   *
   * @param progress receives a line when a left-over server is stopped
   * @return this
   */
  public synchronized EmbeddedRedis start(java.util.function.Consumer<String> progress) {
    if (server.isActive()) {
      return this;
    }
    LeftOver.find(dir.resolve(PID_FILE), "redis-server").ifPresent(p -> LeftOver.stop(p, "redis-server", progress));
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server did not start on port " + port, e);
    }
    return this;
  }

  /**
   * Stops the process (SIGTERM, then waits for it to exit). No-op when stopped.
   *
   * @throws UncheckedIOException if the process could not be stopped
   */
  public synchronized void stop() {
    if (!server.isActive()) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server did not stop", e);
    }
  }

  /**
   * Whether the process runs.
   *
   * @return true while started
   */
  public boolean isRunning() {
    return server.isActive();
  }

  /**
   * The TCP port, fixed for the life of this object.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The URI for clients, e.g. {@code redis://127.0.0.1:6379}.
   *
   * @return the URI
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * The data directory.
   *
   * @return the directory holding the append-only file
   */
  public Path dir() {
    return dir;
  }

  /**
   * The running redis-server process, from its pid file (written as it starts).
   *
   * @return the process
   * @throws IllegalStateException if it is not running
   */
  public ProcessHandle process() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      java.util.Optional<ProcessHandle> found = LeftOver.find(dir.resolve(PID_FILE), "redis-server");
      if (found.isPresent() || System.nanoTime() > deadline) {
        return found.orElseThrow(() -> new IllegalStateException("redis-server is not running in " + dir));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
