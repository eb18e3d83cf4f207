package dev.backpack.servertests;

import dev.backpack.embedded.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One full application server (GlassFish 7 or Payara Server 6) unpacked by Maven, driven the way
 * a server team drives it: {@code asadmin start-domain}, {@code deploy}, {@code stop-domain}.
 *
 * <p>Each instance copies the pristine {@code domain1} of the distribution into its own directory
 * (the unpacked distribution itself is never started, so Maven can keep it between runs), moves
 * every listener to a free port on 127.0.0.1 (see {@link DomainXml}) and starts it with the JDK
 * that runs the tests. {@link #close()} stops it with {@code asadmin stop-domain}; a JVM shutdown
 * hook does the same if the test JVM is interrupted, and a domain that does not stop is killed
 * by the process id it wrote.
 */
final class AppServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AppServer.class.getName());
  static final String DOMAIN = "domain1";

  /** Which distribution. */
  enum Kind {
    GLASSFISH("glassfish.home"),
    PAYARA("payara.home");

    final String homeProperty;

    Kind(String homeProperty) {
      this.homeProperty = homeProperty;
    }
  }

  private final Kind kind;
  private final Path install;
  private final Path domainDir;
  private final DomainXml.Ports ports;
  private final Thread shutdownHook;
  private boolean running;

  private AppServer(Kind kind, Path install, Path domainDir, DomainXml.Ports ports) {
    this.kind = kind;
    this.install = install;
    this.domainDir = domainDir;
    this.ports = ports;
    this.shutdownHook = new Thread(this::stopQuietly, "stop-" + kind);
  }

  /**
   * A fresh domain of the distribution named by the system property of {@code kind} (set by the
   * module's pom), under {@code servers.work/<name>}; not started yet.
   *
   * @param kind GlassFish or Payara
   * @param name directory name of this domain's copy, unique per test class
   * @return the prepared server
   */
  static AppServer prepare(Kind kind, String name) {
    Path install = Path.of(required(kind.homeProperty)).toAbsolutePath();
    Path work = Path.of(required("servers.work")).toAbsolutePath().resolve(name);
    Path domains = work.resolve("domains");
    Path domain = domains.resolve(DOMAIN);
    deleteTree(work);
    copyTree(install.resolve("glassfish/domains").resolve(DOMAIN), domain);
    DomainXml.Ports ports = DomainXml.Ports.free(kind == Kind.PAYARA);
    DomainXml.rewrite(domain.resolve("config/domain.xml"), ports, kind == Kind.PAYARA);
    return new AppServer(kind, install, domains, ports);
  }

  /**
   * {@code asadmin start-domain}; returns when the server answers on its admin port.
   *
   * @return this
   */
  AppServer start() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    long started = System.nanoTime();
    asadminLocal(Duration.ofMinutes(4), "start-domain", "--domaindir", domainDir.toString(), DOMAIN);
    running = true;
    LOG.info(
        () ->
            String.format(
                "%s started in %d ms: http://127.0.0.1:%d/ (admin %d)",
                kind, (System.nanoTime() - started) / 1_000_000, ports.http(), ports.admin()));
    return this;
  }

  /** The HTTP port (127.0.0.1). */
  int httpPort() {
    return ports.http();
  }

  /** {@code http://127.0.0.1:<port>}, no trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + ports.http();
  }

  Path domainDir() {
    return domainDir.resolve(DOMAIN);
  }

  /**
   * A remote asadmin command against this running domain ({@code --host 127.0.0.1 --port
   * <admin>}).
   *
   * @param args the subcommand and its arguments
   * @return what asadmin printed
   * @throws AssertionError if asadmin fails (its output and the tail of the server log attached)
   */
  String asadmin(String... args) {
    List<String> command = new ArrayList<>();
    command.add("--host");
    command.add("127.0.0.1");
    command.add("--port");
    command.add(Integer.toString(ports.admin()));
    command.addAll(List.of(args));
    return asadminLocal(Duration.ofMinutes(4), command.toArray(String[]::new));
  }

  /**
   * Deploys an archive under a name and context root.
   *
   * @param archive the WAR or EAR
   * @param name application name, or null for the archive's default (an EAR's application-name)
   * @param contextRoot context root (WAR only), or null
   * @param extra more {@code deploy} options
   */
  void deploy(Path archive, String name, String contextRoot, String... extra) {
    List<String> command = new ArrayList<>(List.of("deploy"));
    if (name != null) {
      command.add("--name");
      command.add(name);
    }
    if (contextRoot != null) {
      command.add("--contextroot");
      command.add(contextRoot);
    }
    command.addAll(List.of(extra));
    command.add(archive.toAbsolutePath().toString());
    long started = System.nanoTime();
    asadmin(command.toArray(String[]::new));
    LOG.info(() -> "deployed " + archive.getFileName() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  void undeploy(String name) {
    asadmin("undeploy", name);
  }

  /** The domain's {@code server.log} as it is now. */
  String serverLog() {
    try {
      return Files.readString(domainDir().resolve("logs/server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no server.log: " + e + ")";
    }
  }

  /** The last {@code lines} lines of {@code server.log}. */
  String serverLogTail(int lines) {
    String[] all = serverLog().split("\n");
    return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
  }

  /** The server's process id, from the pid file the domain writes. */
  long pid() {
    try {
      return Long.parseLong(Files.readString(domainDir().resolve("config/pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("no pid file: is the domain running?", e);
    }
  }

  /** The TCP listening sockets of the server process that are not on the loopback interface. */
  List<String> nonLoopbackListeners() {
    return Listeners.of(pid()).stream().filter(l -> !l.loopback()).map(Object::toString).toList();
  }

  /** All TCP listening sockets of the server process. */
  List<Listeners.Listener> listeners() {
    return Listeners.of(pid());
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stopQuietly() {
    if (!running) {
      return;
    }
    running = false;
    long pid = -1;
    try {
      pid = pid();
    } catch (UncheckedIOException noPid) {
      // nothing to kill later
    }
    try {
      asadminLocal(Duration.ofMinutes(2), "stop-domain", "--domaindir", domainDir.toString(), DOMAIN);
    } catch (AssertionError | RuntimeException failed) {
      LOG.warning(() -> kind + ": stop-domain failed: " + failed.getMessage());
    }
    if (pid > 0) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                try {
                  p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception stillRunning) {
                  LOG.warning(() -> kind + ": still running 30 s after stop-domain, killing " + p.pid());
                  p.destroyForcibly();
                }
              });
    }
  }

  private String asadminLocal(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(install.resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(List.of(args));
    Path output;
    try {
      output = Files.createTempFile("asadmin", ".out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            // a file, not a pipe: start-domain leaves a server behind that inherits it
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> env = builder.environment();
    env.put("AS_JAVA", System.getProperty("java.home"));
    // a server configured from outside reads nothing of the test's own environment
    env.keySet().removeIf(k -> k.startsWith("BACKPACK_"));
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "asadmin " + String.join(" ", args) + " took longer than " + timeout + "\n" + read(output)
                + "\n--- server.log ---\n" + serverLogTail(80));
      }
      String printed = read(output);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "asadmin " + String.join(" ", args) + " failed (" + process.exitValue() + "):\n" + printed
                + "\n--- server.log ---\n" + serverLogTail(80));
      }
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // a temp file
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " not set: run through Maven (see server-tests/pom.xml)");
    }
    return value;
  }

  static void copyTree(Path from, Path to) {
    try (var paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** Distinct free ports on 127.0.0.1. */
  static int[] freePorts(int count) {
    Set<Integer> taken = new HashSet<>();
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      int port;
      do {
        port = FreePort.orFree(0);
      } while (!taken.add(port));
      ports[i] = port;
    }
    return ports;
  }
}
