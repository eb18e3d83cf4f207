package dev.backpack.admin.drivers.inprocess;

import dev.backpack.admin.drivers.control.BackpackDriver;
import dev.backpack.admin.drivers.control.Driver;
import dev.backpack.admin.drivers.control.DriverException;
import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.DeploymentStatus;
import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.deployment.AppDirectory;
import dev.backpack.deployment.BackpackHome;
import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.EngineSettings;
import dev.backpack.deployment.ExtractedWar;
import dev.backpack.deployment.Tree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Backpacks deployed into the server admin-war runs in, one deployment of core-war each at {@code
 * /<name>}, sharing core-war's jars ({@link AppDirectory}); data in the platform's PostgreSQL (schema
 * {@code bp_<name>} owned by role {@code bp_<name>}; or database {@code bp_<name>} of the MongoDB
 * the platform was given) and Redis (prefix {@code bp:<name>:}), files under {@code
 * DATA/backpacks/<name>/files}. A backpack on PostgreSQL that starts while the platform serves the
 * MongoDB store of an earlier release imports its data from there ({@link LegacyImportStep}).
 */
@ApplicationScoped
@Driver(InProcessDriver.ID)
public class InProcessDriver implements BackpackDriver {

  public static final String ID = "inprocess";
  private static final Logger LOG = Logger.getLogger(InProcessDriver.class.getName());
  /** How long the first deployment waits for the server to finish deploying admin-war itself. */
  static final Duration OWN_DEPLOYMENT_WAIT = Duration.ofMinutes(2);

  @Inject PlatformConfig config;
  @Inject BackpackData data;

  private final Map<String, DeploymentStatus> states = new ConcurrentHashMap<>();
  // one deployment or undeployment at a time: the server's deployment machinery is shared
  private final ReentrantLock deployments = new ReentrantLock();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ExtractedWar core;
  private GlassFishDeployer deployer;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void create(BackpackSpec spec, Progress progress) {
    BackpackName name = spec.name();
    states.put(name.value(), DeploymentStatus.DEPLOYING);
    try {
      removeLeftovers(name, progress);
      deploy(spec, progress, false);
    } catch (RuntimeException e) {
      states.put(name.value(), DeploymentStatus.failed(e.getMessage()));
      throw e;
    }
  }

  @Override
  public void start(BackpackSpec spec, Progress progress) {
    states.put(spec.name().value(), DeploymentStatus.DEPLOYING);
    try {
      deploy(spec, progress, true);
    } catch (RuntimeException e) {
      states.put(spec.name().value(), DeploymentStatus.failed(e.getMessage()));
      throw e;
    }
  }

  @Override
  public void remove(BackpackSpec spec, Progress progress) {
    BackpackName name = spec.name();
    List<String> failures = new ArrayList<>();
    if (deployer().deployed().contains(name.value())) {
      progress.step("Undeploying " + name.contextRoot());
      try {
        withDeployLock(() -> deployer().undeploy(name.value()));
      } catch (RuntimeException e) {
        failures.add("undeploy: " + e.getMessage());
      }
    }
    states.remove(name.value());
    if (data.mongoDb()) {
      progress.step("Dropping MongoDB database " + name.database());
    } else {
      progress.step("Dropping PostgreSQL schema and role " + name.schema());
    }
    try {
      data.dropData(name);
    } catch (RuntimeException e) {
      failures.add((data.mongoDb() ? "MongoDB: " : "") + e.getMessage());
    }
    progress.step("Deleting Redis keys " + name.redisPrefix() + "*");
    try {
      long keys = data.deleteKeys(name);
      progress.step("Deleted " + keys + " Redis key" + (keys == 1 ? "" : "s"));
    } catch (RuntimeException e) {
      failures.add("Redis: " + e.getMessage());
    }
    BackpackHome home = home(name);
    progress.step("Deleting files and configuration under " + home.dir());
    try {
      Tree.delete(home.dir());
    } catch (IOException e) {
      failures.add("files: " + e);
    }
    if (!failures.isEmpty()) {
      throw new DriverException("Could not remove everything of " + name + ": " + String.join("; ", failures));
    }
  }

  @Override
  public DeploymentStatus status(BackpackName name) {
    return states.getOrDefault(name.value(), DeploymentStatus.DOWN);
  }

  @Override
  public URI publicUrl(BackpackName name) {
    return config.publicUrl().resolve(name.value() + "/");
  }

  @Override
  public URI internalUrl(BackpackName name) {
    return config.internalUrl().resolve(name.value() + "/");
  }

  /**
   * Marks backpacks as about to be deployed (platform start), so that lists show {@code deploying}
   * until their turn comes.
   */
  public void expect(List<BackpackName> names) {
    names.forEach(n -> states.putIfAbsent(n.value(), DeploymentStatus.DEPLOYING));
  }

  private void removeLeftovers(BackpackName name, Progress progress) {
    boolean files = Files.exists(home(name).dir(), LinkOption.NOFOLLOW_LINKS);
    boolean database = data.hasData(name);
    boolean keys = data.hasKeys(name);
    boolean deployed = deployer().deployed().contains(name.value());
    if (files || database || keys || deployed) {
      progress.step("Removing what an earlier backpack named " + name + " left behind");
      remove(new BackpackSpec(name, ""), progress);
      states.put(name.value(), DeploymentStatus.DEPLOYING);
    }
  }

  /**
   * Deploys a backpack. {@code mayImport}: at a start (not a creation: a new backpack has no
   * earlier data), while the platform serves the MongoDB store of an earlier release, the backpack
   * imports its data from there ({@link LegacyImportStep}).
   */
  private void deploy(BackpackSpec spec, Progress progress, boolean mayImport) {
    BackpackName name = spec.name();
    BackpackHome home = home(name);
    if (!data.mongoDb()) {
      progress.step("Creating PostgreSQL role and schema " + name.schema());
    }
    EngineSettings engine = data.prepare(name);
    progress.step("Writing configuration (" + data.describe(name) + ", Redis prefix " + name.redisPrefix() + ")");
    try {
      Files.createDirectories(home.filesDir());
    } catch (IOException e) {
      throw new DriverException("Cannot create " + home.filesDir() + ": " + e.getMessage(), e);
    }
    Map<String, String> settings = AppDirectory.settings(home, spec.adminKey(), engine, config.redisUri());
    Optional<LegacyImportStep> legacyImport = mayImport ? LegacyImportStep.plan(config.importMongoUri(), engine, name) : Optional.empty();
    legacyImport.ifPresent(step -> step.announce(settings, progress));
    AppDirectory.LibSharing sharing;
    try {
      sharing = AppDirectory.build(core(), home.appDir(), settings);
    } catch (RuntimeException e) {
      throw new DriverException("Cannot write the configuration of " + name + ": " + e.getMessage(), e);
    }
    if (sharing == AppDirectory.LibSharing.HARDLINK || sharing == AppDirectory.LibSharing.COPY) {
      progress.step("Libraries shared by " + sharing.name().toLowerCase() + " (symbolic links failed)");
    }
    progress.step("Deploying core-war at " + name.contextRoot());
    AutoCloseable heartbeat = legacyImport.map(step -> step.heartbeat(progress)).orElse(() -> {});
    boolean deployed;
    try {
      deployed =
          withDeployLock(
              () -> {
                if (deployer().deployed().contains(name.value())) {
                  deployer().undeploy(name.value());
                }
                return deployer().deploy(name.value(), name.contextRoot(), home.appDir().toFile());
              });
    } finally {
      closeQuietly(heartbeat);
    }
    if (!deployed) {
      throw new DriverException("The server could not deploy " + name + " (see the server log)");
    }
    progress.step("Waiting until " + name.contextRoot() + "/api/health answers");
    awaitHealth(name);
    legacyImport.ifPresent(step -> step.report(http, internalUrl(name), spec.adminKey(), progress));
    states.put(name.value(), DeploymentStatus.UP);
    progress.step("Up at " + publicUrl(name));
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing " + closeable, e);
    }
  }

  private void awaitHealth(BackpackName name) {
    URI health = internalUrl(name).resolve("api/health");
    long deadline = System.nanoTime() + Duration.ofSeconds(config.healthTimeoutSeconds()).toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException("Interrupted while waiting for " + name + " to become healthy");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException("Interrupted while waiting for " + name + " to become healthy");
      }
    }
    throw new DriverException(name + " did not become healthy within " + config.healthTimeoutSeconds() + " s (last answer: " + last + ")");
  }

  private interface Work<T> {
    T run();
  }

  private <T> T withDeployLock(Work<T> work) {
    deployments.lock();
    try {
      return work.run();
    } catch (IllegalStateException e) {
      throw new DriverException("The server's deployment failed: " + e.getMessage(), e);
    } finally {
      deployments.unlock();
    }
  }

  private void withDeployLock(Runnable work) {
    withDeployLock(
        () -> {
          work.run();
          return null;
        });
  }

  private BackpackHome home(BackpackName name) {
    return BackpackHome.of(config.dataDir().resolve("backpacks"), name);
  }

  private synchronized GlassFishDeployer deployer() {
    if (deployer == null) {
      GlassFishDeployer found;
      try {
        found = GlassFishDeployer.find();
        LOG.info("in-process driver deploys through the " + found.kind());
      } catch (IllegalStateException e) {
        LOG.log(Level.SEVERE, e.getMessage());
        throw new DriverException("This server cannot deploy backpacks: " + e.getMessage(), e);
      }
      awaitOwnDeployment(found);
      deployer = found;
    }
    return deployer;
  }

  /**
   * Waits until the server lists the application admin-war belongs to (the EAR {@code
   * backpack-platform}, or {@code admin} deployed by the launcher) as deployed. The platform starts
   * (CDI's application scope is initialized, {@link
   * dev.backpack.admin.platform.control.PlatformStartup}) in the middle of that application's own
   * deployment, before the server has registered it in {@code domain.xml}; backpacks deployed,
   * undeployed or even listed meanwhile race with that registration. Seen on GlassFish 7.0.21: the
   * listing fails inside the server ({@code ApplicationName.getName()} is null in {@code
   * ListComponentsCommand}) and comes back empty, so a still-deployed backpack is deployed again and
   * fails ("Application with name keep is already registered"); and a deployment whose registration
   * fails is rolled back by {@code DeployCommand} with an undeployment that hides the reason behind
   * {@code Cannot read field "target" because "params" is null} ({@code
   * ApplicationLifecycle.undeploy} given the deployment's own context), which {@code asadmin
   * redeploy} of the EAR then reports. Callers hold the monitor of {@link #deployer()}, so nothing
   * reaches the server's deployment machinery earlier. A poll that meets the registration may make
   * GlassFish log that NullPointerException (NCLS-ADMIN-00011); the poll just comes back empty and
   * is repeated.
   */
  private void awaitOwnDeployment(GlassFishDeployer found) {
    String own = ownApplication();
    if (own == null) {
      return;
    }
    long started = System.nanoTime();
    long deadline = started + OWN_DEPLOYMENT_WAIT.toNanos();
    boolean waiting = false;
    String last = "not listed";
    while (true) {
      try {
        Set<String> deployed = found.deployed();
        if (deployed.contains(own)) {
          if (waiting) {
            LOG.info("the server has finished deploying " + own + " (waited " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms): backpacks may be deployed now");
          }
          return;
        }
        last = "deployed: " + deployed;
      } catch (RuntimeException e) {
        last = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        LOG.warning("the server still does not list " + own + " as deployed after " + OWN_DEPLOYMENT_WAIT.toSeconds() + " s (" + last + "); deploying backpacks anyway");
        return;
      }
      if (!waiting) {
        LOG.info("waiting until the server has finished deploying " + own + " before deploying or undeploying backpacks (" + last + ")");
        waiting = true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException("Interrupted while waiting for the server to finish deploying " + own);
      }
    }
  }

  /** The name the server deployed admin-war's application under ({@code java:app/AppName}), or null. */
  private static String ownApplication() {
    try {
      Object name = new InitialContext().lookup("java:app/AppName");
      if (name instanceof String value && !value.isBlank()) {
        return value;
      }
      LOG.warning("java:app/AppName is " + name + ": backpacks are deployed without waiting for admin-war's own deployment to finish");
    } catch (NamingException | RuntimeException e) {
      LOG.warning("java:app/AppName cannot be looked up (" + e + "): backpacks are deployed without waiting for admin-war's own deployment to finish");
    }
    return null;
  }

  // extracted once per platform start, before the first backpack is deployed from it
  private synchronized ExtractedWar core() {
    if (core == null) {
      Path war = config.coreWar().orElseThrow(() -> new DriverException("backpack.core.war is not set: the in-process driver has no core WAR to deploy"));
      if (!Files.isRegularFile(war)) {
        throw new DriverException("core WAR not found: " + war);
      }
      core = ExtractedWar.extract(war, config.dataDir().resolve("core"));
      LOG.info("core WAR " + war + " extracted to " + core.dir());
    }
    return core;
  }
}
