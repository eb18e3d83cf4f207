package dev.backpack.launcher;

import dev.backpack.deployment.AppDirectory;
import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.ExtractedWar;
import fish.payara.micro.BootstrapException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One running platform: the backing servers, Payara Micro, and admin-war at {@code /admin}, which
 * deploys one core-war per backpack. The Java API the launcher uses, and tests with it.
 *
 * <p>Layout of the data directory: {@code redis/}, {@code postgres/} (embedded servers; {@code
 * mongo/} is the MongoDB wire server's of earlier releases, served once more for its import, then
 * moved to {@code mongo.imported-<time>/}), {@code admin/war/<version>/} (the extracted admin WAR) and {@code admin/app/} (its
 * deployment with its settings file), {@code core/<version>/} (the extracted core WAR, admin-war's
 * doing), {@code backpacks/<name>/} ({@code files/}, generated {@code app/}), {@code runtime/}
 * (Payara's root directory, wiped at each start), {@code logs/}.
 */
public final class Platform implements AutoCloseable {

  /**
   * What to start.
   *
   * @param port HTTP port
   * @param bind address of the HTTP listener
   * @param dataDir data directory
   * @param coreWar the core WAR file
   * @param adminWar the admin WAR file
   * @param env environment (external servers)
   * @param platformSettings more settings for admin-war ({@code backpack.platform.*}), e.g. the
   *     faults a test injects; empty normally
   */
  public record Config(int port, String bind, Path dataDir, Path coreWar, Path adminWar, Map<String, String> env, Map<String, String> platformSettings) {

    /** Without extra platform settings. */
    public Config(int port, String bind, Path dataDir, Path coreWar, Path adminWar, Map<String, String> env) {
      this(port, bind, dataDir, coreWar, adminWar, env, Map.of());
    }
  }

  /** The application name and context root of admin-war. */
  static final String ADMIN = "admin";

  /** How long the start-up may go without a new line before the launcher gives up. */
  static final Duration STALL = Duration.ofMinutes(5);

  /** The variable that chooses admin-war's driver: {@code inprocess} (default) or {@code swarm}. */
  static final String DRIVER_ENV = "BACKPACK_DRIVER";

  /** The Swarm driver's variables: {@code BACKPACK_SWARM_CORE_IMAGE} is {@code backpack.swarm.core-image}. */
  static final String SWARM_ENV_PREFIX = "BACKPACK_SWARM_";

  private static final List<String> DRIVERS = List.of("inprocess", "swarm");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Config config;
  private final Path dataDir;
  private final Consumer<String> progress;
  private final String systemKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private FileChannel lockChannel;
  private FileLock lock;
  private Services services;
  private PayaraServer payara;
  private boolean closed;

  private Platform(Config config, Consumer<String> progress) {
    this.config = config;
    this.dataDir = config.dataDir().toAbsolutePath().normalize();
    this.progress = progress;
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    this.systemKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  /**
   * Starts everything: the servers, Payara Micro, admin-war; then waits until admin-war has deployed
   * every registered backpack and created {@code requested} (if new). A backpack that fails to
   * deploy is reported through {@code progress} and left out; the platform still starts.
   *
   * @param config what to start
   * @param requested backpacks to create if new
   * @param progress receives one line per step
   * @return the running platform
   * @throws IllegalStateException if the data directory is in use by another launcher, Payara does
   *     not boot or admin-war does not start (everything started so far is stopped again)
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
    Map<String, String> driver = driverSettings(config.env());
    lockDataDir();
    for (Path war : List.of(config.coreWar(), config.adminWar())) {
      if (!Files.isRegularFile(war)) {
        throw new IllegalStateException("WAR not found: " + war);
      }
    }
    requirePortFree();
    services = Services.start(dataDir, config.env(), "inprocess".equals(driver.get("backpack.driver")), progress);
    progress.accept("extracting admin WAR...");
    ExtractedWar admin = ExtractedWar.extract(config.adminWar(), dataDir.resolve("admin").resolve("war"));
    Path adminApp = dataDir.resolve("admin").resolve("app");
    AppDirectory.build(admin, adminApp, AppDirectory.PLATFORM_CONFIG, platformSettings(requested, driver));
    progress.accept("starting Payara Micro on port " + config.port() + "...");
    try {
      payara = PayaraServer.boot(config.port(), config.bind(), dataDir.resolve("runtime"), dataDir.resolve("logs"));
    } catch (BootstrapException e) {
      throw new IllegalStateException("Payara Micro did not boot: " + e.getMessage() + " (see " + dataDir.resolve("logs") + ")", e);
    }
    progress.accept("deploying the admin platform at /" + ADMIN + "...");
    if (!payara.deploy(ADMIN, "/" + ADMIN, adminApp)) {
      throw new IllegalStateException("the admin platform did not deploy (see " + dataDir.resolve("logs") + ")");
    }
    awaitStartup();
    if (services.legacyMongoUri().isPresent()) {
      services.finishLegacyImport(allBackpacksUp(), Clock.systemUTC(), progress);
    }
  }

  // every registered backpack is up (after the start-up: none is still deploying)
  private boolean allBackpacksUp() {
    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) Json.object(system("GET", "backpacks", null)).get("items");
    return items.stream().allMatch(item -> "up".equals(((Map<?, ?>) item).get("status")));
  }

  /** admin-war's settings: only its own class loader sees the file (mode 600). */
  private Map<String, String> platformSettings(List<BackpackName> requested, Map<String, String> driver) {
    Endpoints endpoints = services.endpoints();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.postgres.url", endpoints.postgresUrl());
    settings.put("backpack.postgres.user", endpoints.postgresUser());
    settings.put("backpack.postgres.password", endpoints.postgresPassword());
    settings.put("backpack.redis.uri", endpoints.redisUri());
    // only when the platform was given a MongoDB: then backpacks keep their data there
    endpoints.mongoDb().ifPresent(uri -> settings.put("backpack.mongodb.uri", uri));
    // only while the wire server serves DATA/mongo/ of an earlier release: backpacks import it
    services.legacyMongoUri().ifPresent(uri -> settings.put("backpack.import.mongodb.uri", uri));
    settings.put("backpack.data.dir", dataDir.toString());
    settings.put("backpack.core.war", config.coreWar().toAbsolutePath().toString());
    settings.putAll(driver);
    settings.put("backpack.public.url", baseUrl().toString());
    settings.put("backpack.internal.url", internalUrl().toString());
    settings.put("backpack.platform.ensure", String.join(",", requested.stream().map(BackpackName::value).toList()));
    settings.put("backpack.platform.system-key", systemKey);
    settings.putAll(config.platformSettings());
    return settings;
  }

  /**
   * admin-war's driver settings from the environment: {@value #DRIVER_ENV} ({@code inprocess}
   * unless set) and, for the Swarm driver, every {@value #SWARM_ENV_PREFIX}* variable as its
   * {@code backpack.swarm.*} key (they must be in admin-war's settings file, which ranks above the
   * environment).
   *
   * @param env the environment
   * @return the settings
   * @throws IllegalArgumentException for a driver that does not exist
   */
  static Map<String, String> driverSettings(Map<String, String> env) {
    String driver = env.getOrDefault(DRIVER_ENV, "").strip().toLowerCase(Locale.ROOT);
    driver = driver.isEmpty() ? DRIVERS.get(0) : driver;
    if (!DRIVERS.contains(driver)) {
      throw new IllegalArgumentException(DRIVER_ENV + "=" + env.get(DRIVER_ENV) + " is not a driver; use one of " + String.join(", ", DRIVERS));
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.driver", driver);
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith(SWARM_ENV_PREFIX) && e.getKey().length() > SWARM_ENV_PREFIX.length())
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> settings.put("backpack.swarm." + e.getKey().substring(SWARM_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'), e.getValue()));
    return settings;
  }

  // prints admin-war's start-up lines until it says it is done
  private void awaitStartup() {
    int next = 0;
    long lastNews = System.nanoTime();
    while (true) {
      Map<String, Object> state = Json.object(system("GET", "startup?since=" + next, null));
      @SuppressWarnings("unchecked")
      List<Object> lines = (List<Object>) state.get("lines");
      lines.forEach(line -> progress.accept(String.valueOf(line)));
      if (!lines.isEmpty()) {
        lastNews = System.nanoTime();
      }
      next = ((Number) state.get("next")).intValue();
      if (Boolean.TRUE.equals(state.get("done"))) {
        if (state.get("failure") != null) {
          throw new IllegalStateException("the admin platform did not start: " + state.get("failure"));
        }
        return;
      }
      if (System.nanoTime() - lastNews > STALL.toNanos()) {
        throw new IllegalStateException("the admin platform's start-up made no progress for " + STALL.toMinutes() + " minutes (see " + dataDir.resolve("logs") + ")");
      }
      sleep(200);
    }
  }

  /**
   * Creates a backpack at run time (owned by the platform) unless it exists, through admin-war; the
   * others keep serving.
   *
   * @param name the backpack's name
   * @return its base URL, e.g. {@code http://127.0.0.1:8080/demo/}
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if the platform is closed or the creation failed
   */
  public synchronized URI addBackpack(String name) {
    requireOpen();
    BackpackName backpack = new BackpackName(name);
    Map<String, Object> answer = Json.object(system("POST", "backpacks", "{\"name\":" + Json.quote(backpack.value()) + "}"));
    Object operation = answer.get("operation");
    if (operation instanceof Map<?, ?> op && op.get("error") != null) {
      throw new IllegalStateException(String.valueOf(op.get("error")));
    }
    return backpackUrl(backpack.value());
  }

  /**
   * Deletes a backpack and all its data, through admin-war.
   *
   * @param name the backpack's name
   * @return true if it existed
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if the platform is closed or the deletion failed
   */
  public synchronized boolean removeBackpack(String name) {
    requireOpen();
    BackpackName backpack = new BackpackName(name);
    HttpResponse<String> response = systemCall("DELETE", "backpacks/" + backpack.value(), null);
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("cannot delete " + name + ": HTTP " + response.statusCode() + " " + response.body());
    }
    Object operation = Json.object(response.body()).get("operation");
    if (operation instanceof Map<?, ?> op && op.get("error") != null) {
      throw new IllegalStateException(String.valueOf(op.get("error")));
    }
    return true;
  }

  /**
   * The backpacks that are up.
   *
   * @return their names, sorted
   */
  public synchronized List<String> backpacks() {
    requireOpen();
    List<String> up = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) Json.object(system("GET", "backpacks", null)).get("items");
    for (Object item : items) {
      Map<?, ?> backpack = (Map<?, ?>) item;
      if ("up".equals(backpack.get("status"))) {
        up.add(String.valueOf(backpack.get("name")));
      }
    }
    return up.stream().sorted().toList();
  }

  private String system(String method, String path, String json) {
    HttpResponse<String> response = systemCall(method, path, json);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("admin platform: " + method + " " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private HttpResponse<String> systemCall(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(internalUrl().resolve(ADMIN + "/api/system/" + path))
            .timeout(Duration.ofMinutes(10))
            .header("X-Backpack-System-Key", systemKey)
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the admin platform does not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Where the launcher and admin-war reach this JVM's listener: the bind address, or 127.0.0.1 for
   * a wildcard bind.
   *
   * @return e.g. {@code http://127.0.0.1:8080/}
   */
  public URI internalUrl() {
    String host = config.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + config.port() + "/");
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
   * @return PostgreSQL, Redis and (if given) MongoDB coordinates
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
   * Stops Payara (every backpack), then the wire server of {@code mongo/} if it still runs, Redis
   * and PostgreSQL, then
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
    }
    if (services != null) {
      progress.accept("stopping Redis, PostgreSQL...");
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
