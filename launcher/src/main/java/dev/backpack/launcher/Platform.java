package dev.backpack.launcher;

import dev.backpack.launcher.backpacks.AppDirectory;
import dev.backpack.launcher.backpacks.BackpackName;
import dev.backpack.launcher.backpacks.BackpackRegistry;
import dev.backpack.launcher.backpacks.BackpackRegistry.Registration;
import dev.backpack.launcher.backpacks.CoreWar;
import fish.payara.micro.BootstrapException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One running platform: the backing servers, Payara Micro, and one deployment of the core WAR per
 * backpack. The Java API the launcher uses, and tests with it.
 *
 * <p>Layout of the data directory: {@code mongo/}, {@code redis/}, {@code postgres/} (embedded
 * servers), {@code core/<version>/} (the extracted core WAR), {@code backpacks/<name>/} (registry
 * file, {@code files/}, generated {@code app/}), {@code runtime/} (Payara's root directory, wiped
 * at each start), {@code logs/}.
 */
public final class Platform implements AutoCloseable {

  /**
   * What to start.
   *
   * @param port HTTP port
   * @param bind address of the HTTP listener
   * @param dataDir data directory
   * @param coreWar the core WAR file
   * @param env environment (external servers)
   */
  public record Config(int port, String bind, Path dataDir, Path coreWar, Map<String, String> env) {}

  private final Config config;
  private final Path dataDir;
  private final BackpackRegistry registry;
  private final Consumer<String> progress;
  private final Set<String> deployed = new TreeSet<>();
  private FileChannel lockChannel;
  private FileLock lock;
  private Services services;
  private CoreWar core;
  private PayaraServer payara;
  private boolean closed;

  private Platform(Config config, Consumer<String> progress) {
    this.config = config;
    this.dataDir = config.dataDir().toAbsolutePath().normalize();
    this.registry = new BackpackRegistry(dataDir.resolve("backpacks"));
    this.progress = progress;
  }

  /**
   * Starts everything and deploys every registered backpack plus {@code requested} (registered
   * first if new). A backpack that fails to deploy is reported through {@code progress} and left
   * out; the platform still starts.
   *
   * @param config what to start
   * @param requested backpacks to create if new and deploy
   * @param progress receives one line per step
   * @return the running platform
   * @throws IllegalStateException if the data directory is in use by another launcher or Payara
   *     does not boot (everything started so far is stopped again)
   * @throws UncheckedIOException if the data directory cannot be prepared
   */
  public static Platform start(Config config, List<BackpackName> requested, Consumer<String> progress) {
    Platform platform = new Platform(config, progress);
    try {
      platform.boot(requested);
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void boot(List<BackpackName> requested) {
    lockDataDir();
    if (!Files.isRegularFile(config.coreWar())) {
      throw new IllegalStateException("core WAR not found: " + config.coreWar());
    }
    requirePortFree();
    services = Services.start(dataDir, config.env(), progress);
    progress.accept("extracting core WAR...");
    core = CoreWar.extract(config.coreWar(), dataDir.resolve("core"));
    requested.forEach(registry::register);
    progress.accept("starting Payara Micro on port " + config.port() + "...");
    try {
      payara = PayaraServer.boot(config.port(), config.bind(), dataDir.resolve("runtime"), dataDir.resolve("logs"));
    } catch (BootstrapException e) {
      throw new IllegalStateException("Payara Micro did not boot: " + e.getMessage() + " (see " + dataDir.resolve("logs") + ")", e);
    }
    for (Registration registration : registry.all()) {
      try {
        deploy(registration);
      } catch (RuntimeException e) {
        progress.accept("backpack " + registration.name() + " NOT deployed: " + e.getMessage());
      }
    }
  }

  /**
   * Creates (if new) and deploys a backpack at run time; the others keep serving. Does nothing
   * when it is already deployed.
   *
   * @param name the backpack's name
   * @return its base URL, e.g. {@code http://127.0.0.1:8080/demo/}
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if the platform is closed or Payara reports a failed deployment
   */
  public synchronized URI addBackpack(String name) {
    requireOpen();
    BackpackName backpack = new BackpackName(name);
    if (!deployed.contains(backpack.value())) {
      deploy(registry.register(backpack));
    }
    return backpackUrl(backpack.value());
  }

  /**
   * Undeploys a backpack and forgets it (registry file and app directory). Its files directory and
   * its database are kept.
   *
   * @param name the backpack's name
   * @return true if it was deployed or registered
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if the platform is closed
   */
  public synchronized boolean removeBackpack(String name) {
    requireOpen();
    BackpackName backpack = new BackpackName(name);
    boolean wasDeployed = deployed.remove(backpack.value());
    if (wasDeployed) {
      payara.undeploy(backpack.value());
    }
    return registry.unregister(backpack) || wasDeployed;
  }

  /**
   * The deployed backpacks.
   *
   * @return their names, sorted
   */
  public synchronized List<String> backpacks() {
    return List.copyOf(deployed);
  }

  /**
   * The platform's base URL (a wildcard bind address is shown as 127.0.0.1).
   *
   * @return e.g. {@code http://127.0.0.1:8080/}
   */
  public URI baseUrl() {
    String host = config.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + config.port() + "/");
  }

  /**
   * A backpack's base URL.
   *
   * @param name the backpack's name
   * @return e.g. {@code http://127.0.0.1:8080/demo/}
   */
  public URI backpackUrl(String name) {
    return baseUrl().resolve(name + "/");
  }

  /**
   * Where the backing servers are (the admin platform keeps its registry in PostgreSQL).
   *
   * @return MongoDB, Redis and PostgreSQL coordinates
   */
  public Endpoints endpoints() {
    return services.endpoints();
  }

  /**
   * The data directory.
   *
   * @return its absolute path
   */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Stops Payara (every backpack), then Redis, MongoDB (flushing its file) and PostgreSQL, then
   * releases the data directory. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Exception> failures = new ArrayList<>();
    if (payara != null) {
      progress.accept("stopping Payara Micro...");
      try {
        payara.shutdown();
      } catch (Exception e) {
        failures.add(e);
      }
      deployed.clear();
    }
    if (services != null) {
      progress.accept("stopping Redis, MongoDB, PostgreSQL...");
      try {
        services.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    unlockDataDir();
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("platform did not stop cleanly");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private void deploy(Registration registration) {
    String name = registration.name().value();
    progress.accept("deploying backpack " + name + "...");
    Map<String, String> settings =
        AppDirectory.settings(registration, services.endpoints().mongoUri(), services.endpoints().redisUri());
    AppDirectory.LibSharing sharing = AppDirectory.build(core, registration.appDir(), settings);
    if (sharing != AppDirectory.LibSharing.SYMLINK && sharing != AppDirectory.LibSharing.NONE) {
      progress.accept("  WEB-INF/lib of " + name + " shared by " + sharing + " (symbolic links failed)");
    }
    if (!payara.deploy(name, registration.name().contextRoot(), registration.appDir())) {
      throw new IllegalStateException("Payara could not deploy " + name + " (see " + dataDir.resolve("logs") + ")");
    }
    deployed.add(name);
  }

  // Payara logs a busy port and boots without a listener; say it before anything starts
  private void requirePortFree() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(config.bind(), config.port()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage());
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("platform is closed");
    }
  }

  private void lockDataDir() {
    try {
      Files.createDirectories(dataDir);
      lockChannel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException("data directory " + dataDir + " is in use by another backpack launcher");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dataDir, e);
    }
  }

  private void unlockDataDir() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
