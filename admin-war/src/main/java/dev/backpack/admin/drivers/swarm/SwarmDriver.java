package dev.backpack.admin.drivers.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.backpack.admin.drivers.control.BackpackDriver;
import dev.backpack.admin.drivers.control.Driver;
import dev.backpack.admin.drivers.control.DriverException;
import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.DeploymentStatus;
import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.deployment.BackpackName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Backpacks as Swarm services: per backpack a private overlay network, a database service
 * (PostgreSQL, or MongoDB with {@code backpack.swarm.engine=mongodb}) and a Redis service with
 * volumes, and the core service (Payara Micro + core-war) with Traefik labels, its credentials and
 * admin key as Docker secrets ({@link SwarmServices} says what each is). A backpack that exists
 * keeps the engine of the database service it has (one made by an earlier release keeps its
 * MongoDB); a new one gets the configured engine. Removal finds everything by the backpack's
 * label. Status comes from the tasks' states.
 */
@ApplicationScoped
@Driver(SwarmDriver.ID)
public class SwarmDriver implements BackpackDriver {

  public static final String ID = "swarm";
  private static final Set<TaskState> STARTING =
      EnumSet.of(TaskState.NEW, TaskState.ALLOCATED, TaskState.PENDING, TaskState.ASSIGNED, TaskState.ACCEPTED, TaskState.PREPARING, TaskState.READY, TaskState.STARTING);
  private static final int GIVE_UP_AFTER_FAILED_TASKS = 3;
  private static final String HINT = "Check that the images exist on the nodes (docker/build-images builds them) and read the services' logs (docker service logs bp-<name>-core)";
  private static final Set<TaskState> BROKEN = EnumSet.of(TaskState.FAILED, TaskState.REJECTED, TaskState.ORPHANED);

  @Inject SwarmSettings settings;
  @Inject DockerClient docker;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean scalable() {
    return true;
  }

  @Override
  public void create(BackpackSpec spec, Progress progress) {
    requireManager(progress);
    BackpackName name = spec.name();
    if (hasAnything(name)) {
      progress.step("Removing what an earlier backpack named " + name + " left behind");
      remove(spec, progress);
    }
    ensure(spec, progress);
    awaitConverged(spec, progress);
  }

  @Override
  public void start(BackpackSpec spec, Progress progress) {
    requireManager(progress);
    ensure(spec, progress);
    awaitConverged(spec, progress);
  }

  @Override
  public void update(BackpackSpec spec, Progress progress) {
    BackpackName name = spec.name();
    Map<String, String> secretIds = call(() -> secretIds(name), "reading the secrets of " + name);
    SwarmServices services = services();
    SwarmServices.Engine engine = engineOf(name);
    for (String role : SwarmServices.roles(engine)) {
      Service current = service(name, role).orElseThrow(() -> new DriverException("The service " + SwarmServices.service(name, role) + " does not exist; delete " + name + " and create it again."));
      ServiceSpec wanted = spec(services, role, engine, spec, secretIds);
      if (role.equals("core") || !sameResources(current.getSpec(), wanted)) {
        progress.step("Updating " + SwarmServices.service(name, role) + describe(spec, role));
        call(() -> docker.updateServiceCmd(current.getId(), wanted).withVersion(current.getVersion().getIndex()).exec(), "updating " + SwarmServices.service(name, role));
      }
    }
    awaitConverged(spec, progress);
  }

  @Override
  public void remove(BackpackSpec spec, Progress progress) {
    BackpackName name = spec.name();
    Map<String, String> label = SwarmServices.labels(name);
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      // one clear reason instead of the same failure once per kind of thing to remove
      throw unreachable(e, ": nothing of " + name + " could be checked or removed there");
    }
    List<String> failures = new ArrayList<>();
    List<Service> services = attempt(() -> docker.listServicesCmd().withLabelFilter(label).exec(), "listing services", failures).orElse(List.of());
    for (Service service : services) {
      progress.step("Removing service " + service.getSpec().getName());
      attempt(() -> docker.removeServiceCmd(service.getId()).exec(), "removing " + service.getSpec().getName(), failures);
    }
    if (!services.isEmpty()) {
      progress.step("Waiting for the containers of " + name + " to stop");
      await(() -> containers(name).isEmpty(), Duration.ofSeconds(90));
    }
    for (Secret secret : attempt(() -> docker.listSecretsCmd().withLabelFilter(label).exec(), "listing secrets", failures).orElse(List.of())) {
      progress.step("Removing secret " + secret.getSpec().getName());
      attempt(() -> docker.removeSecretCmd(secret.getId()).exec(), "removing secret " + secret.getSpec().getName(), failures);
    }
    for (Network network : attempt(() -> docker.listNetworksCmd().withFilter("label", List.of(labelFilter(name))).exec(), "listing networks", failures).orElse(List.of())) {
      progress.step("Removing network " + network.getName());
      // a network is in use until the engine has detached the last stopped container
      retry(() -> docker.removeNetworkCmd(network.getId()).exec(), "removing network " + network.getName(), failures);
    }
    for (String volume : attempt(() -> volumes(name), "listing volumes", failures).orElse(List.of())) {
      progress.step("Removing volume " + volume + " and its data");
      retry(() -> docker.removeVolumeCmd(volume).exec(), "removing volume " + volume, failures);
    }
    if (!failures.isEmpty()) {
      throw new DriverException("Could not remove everything of " + name + ": " + String.join("; ", failures));
    }
  }

  @Override
  public DeploymentStatus status(BackpackName name) {
    try {
      Map<String, Service> byRole = new LinkedHashMap<>();
      for (Service service : docker.listServicesCmd().withLabelFilter(SwarmServices.labels(name)).exec()) {
        Map<String, String> labels = service.getSpec().getLabels();
        byRole.put(labels == null ? "?" : labels.getOrDefault(SwarmServices.ROLE_LABEL, "?"), service);
      }
      if (byRole.isEmpty()) {
        return DeploymentStatus.DOWN;
      }
      String deploying = null;
      SwarmServices.Engine engine = byRole.containsKey(SwarmServices.Engine.MONGODB.role()) ? SwarmServices.Engine.MONGODB
          : byRole.containsKey(SwarmServices.Engine.POSTGRES.role()) ? SwarmServices.Engine.POSTGRES : settings.options().engine();
      for (String role : SwarmServices.roles(engine)) {
        Service service = byRole.get(role);
        if (service == null) {
          return DeploymentStatus.failed("The service " + SwarmServices.service(name, role) + " is missing; delete the backpack and create it again.");
        }
        TaskSummary tasks = tasks(service);
        if (tasks.running() >= tasks.desired()) {
          continue;
        }
        if (tasks.error() != null) {
          return DeploymentStatus.failed(SwarmServices.service(name, role) + ": " + tasks.error());
        }
        deploying = deploying == null ? role : deploying;
      }
      return deploying == null ? DeploymentStatus.UP : DeploymentStatus.DEPLOYING;
    } catch (RuntimeException e) {
      return DeploymentStatus.failed("Docker does not answer: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  @Override
  public URI publicUrl(BackpackName name) {
    return URI.create(settings.publicScheme() + "://" + services().host(name) + "/");
  }

  @Override
  public URI internalUrl(BackpackName name) {
    if (settings.access() == SwarmSettings.Access.HOST) {
      List<Integer> ports = hostPorts(name);
      if (ports.isEmpty()) {
        throw new DriverException("No task of " + SwarmServices.service(name, "core") + " is running.");
      }
      return URI.create("http://127.0.0.1:" + ports.get(0) + "/");
    }
    return URI.create("http://" + SwarmServices.service(name, "core") + ":" + SwarmServices.CORE_PORT + "/");
  }

  /**
   * The host ports the running core tasks of a backpack publish on this engine (host mode), one per
   * replica; empty with {@code backpack.swarm.access=network}.
   */
  public List<Integer> hostPorts(BackpackName name) {
    List<Integer> ports = new ArrayList<>();
    Optional<Service> core = service(name, "core");
    if (core.isEmpty()) {
      return ports;
    }
    for (Task task : docker.listTasksCmd().withServiceFilter(core.get().getSpec().getName()).exec()) {
      if (task.getStatus() == null || task.getStatus().getState() != TaskState.RUNNING || task.getStatus().getContainerStatus() == null) {
        continue;
      }
      String container = task.getStatus().getContainerStatus().getContainerID();
      try {
        Ports bindings = docker.inspectContainerCmd(container).exec().getNetworkSettings().getPorts();
        Ports.Binding[] bound = bindings == null ? null : bindings.getBindings().get(ExposedPort.tcp(SwarmServices.CORE_PORT));
        if (bound != null && bound.length > 0 && bound[0].getHostPortSpec() != null) {
          ports.add(Integer.parseInt(bound[0].getHostPortSpec()));
        }
      } catch (NotFoundException | NumberFormatException gone) {
        // the task's container is on another node or just went away
      }
    }
    ports.sort(Comparator.naturalOrder());
    return ports;
  }

  private void requireManager(Progress progress) {
    progress.step("Checking the swarm at " + settings.dockerHost());
    Info info;
    try {
      info = docker.infoCmd().exec();
    } catch (RuntimeException e) {
      throw unreachable(e, "; start dockerd or set backpack.swarm.docker-host");
    }
    if (info.getSwarm() == null || info.getSwarm().getLocalNodeState() != LocalNodeState.ACTIVE || !Boolean.TRUE.equals(info.getSwarm().getControlAvailable())) {
      throw new DriverException("Docker at " + settings.dockerHost() + " is not a swarm manager; run 'docker swarm init' (or point backpack.swarm.docker-host at a manager).");
    }
  }

  /** The engine did not answer a call: what that means for the caller follows the cause. */
  private DriverException unreachable(RuntimeException e, String consequence) {
    return new DriverException("Docker at " + settings.dockerHost() + " does not answer (" + e.getMessage() + ")" + consequence, e);
  }

  private void ensure(BackpackSpec spec, Progress progress) {
    BackpackName name = spec.name();
    SwarmServices services = services();
    SwarmServices.Options options = settings.options();
    for (String shared : new String[] {options.publicNetwork(), options.internalNetwork()}) {
      if (shared != null && call(() -> docker.listNetworksCmd().withNameFilter(shared).exec(), "listing networks").stream().noneMatch(n -> shared.equals(n.getName()))) {
        throw new DriverException("The network " + shared + " does not exist; deploy swarm-stack.yml first (it creates it), or set backpack.swarm.public-network / internal-network.");
      }
    }
    String network = SwarmServices.network(name);
    if (call(() -> docker.listNetworksCmd().withNameFilter(network).exec(), "listing networks").stream().noneMatch(n -> network.equals(n.getName()))) {
      progress.step("Creating the private overlay network " + network);
      call(() -> docker.createNetworkCmd().withName(network).withDriver("overlay").withAttachable(true).withLabels(SwarmServices.labels(name)).exec(), "creating network " + network);
    }
    SwarmServices.Engine engine = engineOf(name);
    Map<String, String> existing = call(() -> secretIds(name), "listing secrets");
    Map<String, String> wanted = services.secrets(spec, engine);
    List<String> missing = wanted.keySet().stream().filter(s -> !existing.containsKey(s)).toList();
    if (!missing.isEmpty()) {
      progress.step("Creating Docker secrets: " + String.join(", ", missing));
      for (String secret : missing) {
        String id = call(() -> docker.createSecretCmd(new SecretSpec().withName(secret).withData(wanted.get(secret)).withLabels(SwarmServices.labels(name))).exec().getId(), "creating secret " + secret);
        existing.put(secret, id);
      }
    }
    for (String role : SwarmServices.roles(engine)) {
      String service = SwarmServices.service(name, role);
      if (service(name, role).isEmpty()) {
        ServiceSpec serviceSpec = spec(services, role, engine, spec, existing);
        progress.step("Creating service " + service + " (" + serviceSpec.getTaskTemplate().getContainerSpec().getImage() + ")" + describe(spec, role));
        call(() -> docker.createServiceCmd(serviceSpec).exec(), "creating service " + service);
      }
    }
  }

  private static ServiceSpec spec(SwarmServices services, String role, SwarmServices.Engine engine, BackpackSpec spec, Map<String, String> secretIds) {
    return switch (role) {
      case "core" -> services.core(spec, engine, secretIds);
      case "postgres", "mongo" -> services.database(spec, engine, secretIds);
      case "redis" -> services.redis(spec, secretIds);
      default -> throw new IllegalArgumentException(role);
    };
  }

  /**
   * The engine of a backpack: that of the database service it has (a backpack made by an earlier
   * release has a MongoDB service and keeps it), the configured one for a backpack without one.
   */
  private SwarmServices.Engine engineOf(BackpackName name) {
    if (service(name, SwarmServices.Engine.MONGODB.role()).isPresent()) {
      return SwarmServices.Engine.MONGODB;
    }
    if (service(name, SwarmServices.Engine.POSTGRES.role()).isPresent()) {
      return SwarmServices.Engine.POSTGRES;
    }
    return settings.options().engine();
  }

  private static String describe(BackpackSpec spec, String role) {
    StringBuilder text = new StringBuilder();
    if (role.equals("core")) {
      text.append(", ").append(spec.deployment().replicas()).append(spec.deployment().replicas() == 1 ? " replica" : " replicas");
    }
    var limits = spec.deployment().limitsOf(SwarmServices.limitsKey(role));
    if (limits.cpus() != null) {
      text.append(", ").append(limits.cpus()).append(" CPUs");
    }
    if (limits.memoryMb() != null) {
      text.append(", ").append(limits.memoryMb()).append(" MiB");
    }
    return text.toString();
  }

  private static boolean sameResources(ServiceSpec current, ServiceSpec wanted) {
    return Objects.equals(limitsOf(current), limitsOf(wanted));
  }

  private static List<Long> limitsOf(ServiceSpec spec) {
    ResourceRequirements resources = spec.getTaskTemplate() == null ? null : spec.getTaskTemplate().getResources();
    if (resources == null || resources.getLimits() == null) {
      return List.of(0L, 0L);
    }
    Long cpus = resources.getLimits().getNanoCPUs();
    Long memory = resources.getLimits().getMemoryBytes();
    return List.of(cpus == null ? 0L : cpus, memory == null ? 0L : memory);
  }

  // waits until every service runs its replicas and every core task answers /api/health
  private void awaitConverged(BackpackSpec spec, Progress progress) {
    BackpackName name = spec.name();
    long deadline = System.nanoTime() + Duration.ofSeconds(settings.convergeTimeoutSeconds()).toNanos();
    String last = null;
    String error = null;
    Set<String> brokenBefore = null;
    List<String> roles = SwarmServices.roles(engineOf(name));
    while (System.nanoTime() < deadline) {
      List<String> waiting = new ArrayList<>();
      Set<String> broken = new HashSet<>();
      for (String role : roles) {
        Service service = service(name, role).orElseThrow(() -> new DriverException("The service " + SwarmServices.service(name, role) + " disappeared."));
        TaskSummary tasks = tasks(service);
        broken.addAll(tasks.broken());
        if (tasks.running() < tasks.desired() || tasks.stale() > 0) {
          waiting.add(SwarmServices.service(name, role) + " " + tasks.running() + "/" + tasks.desired() + " running" + (tasks.states().isEmpty() ? "" : " (" + tasks.states() + ")"));
          if (tasks.error() != null) {
            error = SwarmServices.service(name, role) + ": " + tasks.error();
          }
        }
      }
      if (brokenBefore == null) {
        brokenBefore = broken;
      } else if (error != null && newlyBroken(broken, brokenBefore) >= GIVE_UP_AFTER_FAILED_TASKS) {
        // Swarm would go on restarting it (a missing image, a crashing process): say why now
        throw new DriverException(name + " does not start: " + GIVE_UP_AFTER_FAILED_TASKS + " tasks failed in a row; " + error + ". " + HINT);
      }
      String now;
      if (waiting.isEmpty()) {
        String health = health(name, spec.deployment().replicas());
        if (health == null) {
          progress.step("Up: " + spec.deployment().replicas() + " of " + spec.deployment().replicas() + " core tasks answer /api/health; " + publicUrl(name));
          return;
        }
        now = "Waiting until " + health;
      } else {
        now = "Waiting for " + String.join(", ", waiting);
      }
      if (!now.equals(last)) {
        progress.step(error == null ? now : now + "; last error: " + error);
        last = now;
      }
      sleep(500);
    }
    throw new DriverException(
        name + " did not converge within " + settings.convergeTimeoutSeconds() + " s (" + (last == null ? "no news" : last) + ")"
            + (error == null ? "" : "; " + error + ". " + HINT));
  }

  private static long newlyBroken(Set<String> now, Set<String> before) {
    return now.stream().filter(id -> !before.contains(id)).count();
  }

  // null when every running core task answers 200, else what is still missing
  private String health(BackpackName name, int replicas) {
    List<URI> bases = new ArrayList<>();
    if (settings.access() == SwarmSettings.Access.HOST) {
      hostPorts(name).forEach(p -> bases.add(URI.create("http://127.0.0.1:" + p + "/")));
      if (bases.size() < replicas) {
        return replicas + " core tasks publish their port (" + bases.size() + " do)";
      }
    } else {
      bases.add(internalUrl(name));
    }
    for (URI base : bases) {
      try {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(base.resolve("api/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 200) {
          return base + "api/health answers 200 (it answers " + answer.statusCode() + ")";
        }
      } catch (IOException e) {
        return base + "api/health answers";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException("Interrupted while waiting for " + name);
      }
    }
    return null;
  }

  /**
   * The tasks of a service as they stand.
   *
   * @param desired replicas wanted
   * @param running tasks running that should run
   * @param stale tasks still running that should not (an update or scale-down under way)
   * @param states the states of the tasks not yet running, e.g. {@code preparing, starting}
   * @param error the newest task error, null when none
   * @param broken the ids of the service's failed or rejected tasks (Swarm keeps a few)
   */
  record TaskSummary(long desired, int running, int stale, String states, String error, Set<String> broken) {}

  private TaskSummary tasks(Service service) {
    long desired = service.getSpec().getMode() != null && service.getSpec().getMode().getReplicated() != null ? service.getSpec().getMode().getReplicated().getReplicas() : 1;
    List<Task> tasks = docker.listTasksCmd().withServiceFilter(service.getSpec().getName()).exec();
    int running = 0;
    int stale = 0;
    List<String> states = new ArrayList<>();
    Task newestBroken = null;
    Set<String> broken = new HashSet<>();
    for (Task task : tasks) {
      TaskState state = task.getStatus() == null ? null : task.getStatus().getState();
      boolean wanted = task.getDesiredState() == TaskState.RUNNING;
      if (state == TaskState.RUNNING) {
        if (wanted) {
          running++;
        } else {
          stale++;
        }
      } else if (wanted && state != null && STARTING.contains(state)) {
        states.add(state.getValue());
      }
      if (state != null && BROKEN.contains(state)) {
        broken.add(task.getId());
      }
      if (state != null && BROKEN.contains(state) && task.getStatus().getErr() != null && (newestBroken == null || Objects.toString(task.getUpdatedAt(), "").compareTo(Objects.toString(newestBroken.getUpdatedAt(), "")) > 0)) {
        newestBroken = task;
      }
    }
    String error = newestBroken == null || running >= desired ? null : newestBroken.getStatus().getErr();
    return new TaskSummary(desired, running, stale, states.stream().distinct().collect(Collectors.joining(", ")), error, broken);
  }

  private Optional<Service> service(BackpackName name, String role) {
    String wanted = SwarmServices.service(name, role);
    return call(() -> docker.listServicesCmd().withNameFilter(List.of(wanted)).exec(), "listing services").stream().filter(s -> wanted.equals(s.getSpec().getName())).findFirst();
  }

  private Map<String, String> secretIds(BackpackName name) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Secret secret : docker.listSecretsCmd().withLabelFilter(SwarmServices.labels(name)).exec()) {
      ids.put(secret.getSpec().getName(), secret.getId());
    }
    return ids;
  }

  private boolean hasAnything(BackpackName name) {
    Map<String, String> label = SwarmServices.labels(name);
    return call(
        () ->
            !docker.listServicesCmd().withLabelFilter(label).exec().isEmpty()
                || !docker.listSecretsCmd().withLabelFilter(label).exec().isEmpty()
                || !docker.listNetworksCmd().withFilter("label", List.of(labelFilter(name))).exec().isEmpty()
                || !volumes(name).isEmpty()
                || !containers(name).isEmpty(),
        "looking for leftovers");
  }

  private List<Container> containers(BackpackName name) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(SwarmServices.labels(name)).exec();
  }

  private List<String> volumes(BackpackName name) {
    var answer = docker.listVolumesCmd().withFilter("label", List.of(labelFilter(name))).exec();
    return answer.getVolumes() == null ? List.of() : answer.getVolumes().stream().map(v -> v.getName()).toList();
  }

  private static String labelFilter(BackpackName name) {
    return SwarmServices.BACKPACK_LABEL + "=" + name.value();
  }

  private SwarmServices services() {
    return new SwarmServices(settings.options());
  }

  private static <T> T call(Supplier<T> work, String what) {
    try {
      return work.get();
    } catch (DriverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DriverException("Docker failed " + what + ": " + e.getMessage(), e);
    }
  }

  private static <T> Optional<T> attempt(Supplier<T> work, String what, List<String> failures) {
    try {
      return Optional.ofNullable(work.get());
    } catch (NotFoundException gone) {
      return Optional.empty();
    } catch (RuntimeException e) {
      failures.add(what + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void attempt(Runnable work, String what, List<String> failures) {
    attempt(
        () -> {
          work.run();
          return Boolean.TRUE;
        },
        what,
        failures);
  }

  private static void retry(Runnable work, String what, List<String> failures) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        work.run();
        return;
      } catch (NotFoundException gone) {
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          failures.add(what + ": " + e.getMessage());
          return;
        }
        sleep(1000);
      }
    }
  }

  private static void await(Supplier<Boolean> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (done.get()) {
          return;
        }
      } catch (RuntimeException e) {
        // Docker busy: try again
      }
      sleep(500);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("Interrupted");
    }
  }
}
