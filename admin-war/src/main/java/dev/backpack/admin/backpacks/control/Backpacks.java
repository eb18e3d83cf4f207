package dev.backpack.admin.backpacks.control;

import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.backpacks.entity.BackpackView;
import dev.backpack.admin.backpacks.entity.Registration;
import dev.backpack.admin.backpacks.entity.Registration.State;
import dev.backpack.admin.drivers.control.BackpackDriver;
import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.Deployment;
import dev.backpack.admin.drivers.entity.DeploymentStatus;
import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.admin.operations.control.Operations;
import dev.backpack.admin.operations.control.Operations.Started;
import dev.backpack.admin.operations.entity.Operation.Kind;
import dev.backpack.admin.problems.entity.ProblemException;
import dev.backpack.deployment.BackpackName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The use cases of backpacks: list, show, create, delete (both as operations), and bringing every
 * registered backpack up at platform start. Who may see what: the platform owner every backpack, a
 * developer only their own; anything else is 404, the same as a name that does not exist.
 */
@ApplicationScoped
public class Backpacks {

  @Inject BackpackStore store;
  @Inject BackpackDriver driver;
  @Inject Operations operations;
  @Inject Faults faults;

  // names with an operation running in this platform (a second delete waits for the first's end)
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  // registered backpacks the start-up has not brought up yet
  private final Set<String> starting = ConcurrentHashMap.newKeySet();

  /** The backpacks the viewer may see, by name. */
  public List<BackpackView> list(Account viewer) {
    return store.list(viewer.isOwner() ? null : viewer.id()).stream().map(this::view).toList();
  }

  /** One backpack; 404 unless the viewer may see it. */
  public BackpackView show(Account viewer, String name) {
    return view(readable(viewer, name));
  }

  /**
   * The registration of a backpack the viewer may see (for the browse proxy too).
   *
   * @throws ProblemException 404 for an invalid or unknown name, or another developer's backpack
   */
  public Registration readable(Account viewer, String name) {
    Optional<BackpackName> valid = valid(name);
    Optional<Registration> found = valid.flatMap(store::find);
    if (found.isEmpty() || !(viewer.isOwner() || viewer.id().equals(found.get().ownerId()))) {
      throw ProblemException.notFound("No backpack named '" + (valid.isPresent() ? name : "?") + "' here.");
    }
    return found.get();
  }

  /** The registration of a backpack, for the platform's own use (no viewer). */
  public Optional<Registration> find(BackpackName name) {
    return store.find(name);
  }

  /** One backpack as shown, for the platform's own use. */
  public Optional<BackpackView> view(BackpackName name) {
    return store.find(name).map(this::view);
  }

  /** Every registered backpack, for the platform's own use. */
  public List<BackpackView> all() {
    return store.list(null).stream().map(this::view).toList();
  }

  /**
   * Creates a backpack as an operation: reserves the name (409 if taken), then the driver brings it
   * up; on failure everything is removed again and the operation says why.
   *
   * @param creator its owner; null when the platform creates it ({@code --backpack})
   * @param name the requested name (400 unless valid)
   * @return the started operation
   */
  public Started create(Account creator, String name) {
    BackpackName valid;
    try {
      valid = new BackpackName(name);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("name", e.getMessage().replaceFirst("^invalid backpack name '.*?': ", ""));
    }
    UUID ownerId = creator == null ? null : creator.id();
    Registration registration = store.reserve(valid, ownerId, creator == null ? null : creator.email(), AdminKeys.fresh());
    busy.add(valid.value());
    try {
      return operations.start(Kind.CREATE, valid.value(), ownerId, ownerId, progress -> runCreate(registration, progress));
    } catch (RuntimeException e) {
      busy.remove(valid.value());
      store.delete(valid);
      throw e;
    }
  }

  private void runCreate(Registration registration, Progress progress) {
    BackpackName name = registration.name();
    BackpackSpec spec = registration.spec();
    try {
      progress.step("Registered " + name + " with a fresh admin key" + (registration.ownerEmail() == null ? " (owned by the platform)" : " for " + registration.ownerEmail()));
      driver.create(spec, progress);
      faults.afterCreate(name);
      if (!store.transition(name, State.CREATING, State.ACTIVE)) {
        throw new IllegalStateException("the registry entry of " + name + " changed while it was created");
      }
      progress.step("Created " + name + " at " + driver.publicUrl(name));
    } catch (RuntimeException e) {
      // a sentence is made of it below: without its own closing period
      String reason = (e.getMessage() == null ? e.toString() : e.getMessage()).replaceFirst("\\.+$", "");
      progress.step("Failed: " + reason);
      progress.step("Rolling back: removing everything of " + name);
      String incomplete = null;
      try {
        driver.remove(spec, progress);
      } catch (RuntimeException cleanup) {
        incomplete = cleanup.getMessage();
        progress.step("Rollback incomplete: " + incomplete + " (a later create of this name removes the rest first)");
      }
      store.delete(name);
      progress.step("Removed the registry entry of " + name);
      throw new IllegalStateException(
          "Creating " + name + " failed: " + reason + (incomplete == null ? ". Nothing of it is left." : ". Rollback incomplete: " + incomplete), e);
    } finally {
      busy.remove(name.value());
    }
  }

  /**
   * Deletes a backpack as an operation: undeploy, then its database, Redis keys and files, then its
   * registry entry.
   *
   * @param viewer who asks; null for the platform
   * @throws ProblemException 404 (not visible), 409 (being created, or another operation runs)
   */
  public Started delete(Account viewer, String name) {
    Registration registration = viewer == null ? valid(name).flatMap(store::find).orElseThrow(() -> ProblemException.notFound("No backpack named '" + name + "' here.")) : readable(viewer, name);
    BackpackName valid = registration.name();
    if (registration.state() == State.CREATING) {
      throw ProblemException.conflict("'" + valid + "' is still being created; delete it when its creation has ended.");
    }
    if (!busy.add(valid.value())) {
      throw ProblemException.conflict("An operation on '" + valid + "' is running; try again when it has ended.");
    }
    try {
      if (registration.state() == State.ACTIVE && !store.transition(valid, State.ACTIVE, State.DELETING)) {
        throw ProblemException.conflict("'" + valid + "' changed meanwhile; reload and try again.");
      }
      return operations.start(Kind.DELETE, valid.value(), registration.ownerId(), viewer == null ? null : viewer.id(), progress -> runDelete(registration, progress));
    } catch (RuntimeException e) {
      busy.remove(valid.value());
      throw e;
    }
  }

  private void runDelete(Registration registration, Progress progress) {
    BackpackName name = registration.name();
    try {
      progress.step("Deleting " + name + " and all its data");
      starting.remove(name.value());
      driver.remove(registration.spec(), progress);
      store.delete(name);
      progress.step("Deleted " + name);
    } finally {
      busy.remove(name.value());
    }
  }

  /**
   * Changes how a backpack runs (replicas, CPU and memory limits) as an operation: the driver applies
   * the new deployment and waits until it has converged; only then does the registry keep it. On
   * failure the previous deployment is applied again.
   *
   * @param viewer who asks
   * @param change {@code {replicas?, limits?}} (see {@link Deployment#with})
   * @throws ProblemException 404 (not visible), 409 (driver runs one instance, not active, another
   *     operation runs), 400 (invalid values)
   */
  public Started update(Account viewer, String name, JsonObject change) {
    Registration registration = readable(viewer, name);
    BackpackName valid = registration.name();
    if (!driver.scalable()) {
      throw ProblemException.conflict("The " + driver.id() + " driver runs every backpack as one instance inside the platform's process; replicas and limits need the swarm driver (backpack.driver=swarm).");
    }
    Deployment next;
    try {
      next = registration.deployment().with(change);
    } catch (Deployment.Invalid e) {
      throw ProblemException.invalid(e.field(), e.getMessage());
    }
    if (registration.state() != State.ACTIVE) {
      throw ProblemException.conflict("'" + valid + "' is " + registration.state().value() + "; change it when it is active.");
    }
    if (!busy.add(valid.value())) {
      throw ProblemException.conflict("An operation on '" + valid + "' is running; try again when it has ended.");
    }
    try {
      return operations.start(Kind.UPDATE, valid.value(), registration.ownerId(), viewer.id(), progress -> runUpdate(registration, next, progress));
    } catch (RuntimeException e) {
      busy.remove(valid.value());
      throw e;
    }
  }

  private void runUpdate(Registration registration, Deployment next, Progress progress) {
    BackpackName name = registration.name();
    try {
      progress.step("Changing " + name + ": " + next.toJson());
      try {
        driver.update(new BackpackSpec(name, registration.adminKey(), next), progress);
      } catch (RuntimeException e) {
        progress.step("Failed: " + e.getMessage());
        progress.step("Restoring the previous deployment " + registration.deployment().toJson());
        try {
          driver.update(registration.spec(), progress);
        } catch (RuntimeException again) {
          progress.step("Restoring failed too: " + again.getMessage());
        }
        throw e;
      }
      store.deployment(name, next);
      progress.step("Changed " + name);
    } finally {
      busy.remove(name.value());
    }
  }

  /** Whether the driver can change replicas and limits. */
  public boolean scalable() {
    return driver.scalable();
  }

  /**
   * Brings every active backpack up again (platform start), one after the other; until its turn a
   * backpack shows {@code deploying}. Creates that a stopped platform left half-done are rolled
   * back, deletes it left half-done are finished.
   *
   * @param log receives one line per backpack
   */
  public void startAll(Consumer<String> log) {
    for (Registration creating : store.inState(State.CREATING)) {
      log.accept("rolling back the interrupted creation of " + creating.name() + "...");
      try {
        driver.remove(creating.spec(), Progress.NONE);
      } catch (RuntimeException e) {
        log.accept("  incomplete: " + e.getMessage());
      }
      store.delete(creating.name());
    }
    for (Registration deleting : store.inState(State.DELETING)) {
      log.accept("finishing the interrupted deletion of " + deleting.name() + "...");
      await(delete(null, deleting.name().value()), log);
    }
    List<Registration> active = store.inState(State.ACTIVE);
    active.forEach(r -> starting.add(r.name().value()));
    for (Registration registration : active) {
      BackpackName name = registration.name();
      if (!starting.contains(name.value())) {
        continue; // deleted meanwhile
      }
      log.accept("deploying backpack " + name + "...");
      try {
        driver.start(registration.spec(), Progress.noticesTo(line -> log.accept("  " + line)));
      } catch (RuntimeException e) {
        log.accept("backpack " + name + " NOT deployed: " + e.getMessage());
      } finally {
        starting.remove(name.value());
      }
    }
  }

  /**
   * Creates {@code name} as the platform's own backpack unless it is registered ({@code ./backpack
   * --backpack NAME}), and waits for the end.
   *
   * @return the operation's end, or empty when the backpack existed
   */
  public Optional<dev.backpack.admin.operations.entity.Operation> ensure(BackpackName name, Consumer<String> log) {
    if (store.find(name).isPresent()) {
      return Optional.empty();
    }
    log.accept("creating backpack " + name + "...");
    log.accept("deploying backpack " + name + "...");
    Started started;
    try {
      started = create(null, name.value());
    } catch (ProblemException conflict) {
      return Optional.empty(); // created meanwhile by someone else
    }
    return Optional.of(await(started, log));
  }

  private static dev.backpack.admin.operations.entity.Operation await(Started started, Consumer<String> log) {
    try {
      var ended = started.done().get();
      if (ended.error() != null) {
        log.accept("backpack " + ended.backpack() + " NOT deployed: " + ended.error());
      }
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private BackpackView view(Registration r) {
    String status;
    String detail = null;
    switch (r.state()) {
      case CREATING -> status = DeploymentStatus.State.DEPLOYING.value();
      case DELETING -> {
        if (busy.contains(r.name().value())) {
          status = "deleting";
        } else {
          status = DeploymentStatus.State.FAILED.value();
          detail = "The last delete did not finish; delete it again.";
        }
      }
      default -> {
        if (starting.contains(r.name().value())) {
          status = DeploymentStatus.State.DEPLOYING.value();
        } else {
          DeploymentStatus deployment = driver.status(r.name());
          status = deployment.state().value();
          detail = deployment.detail();
        }
      }
    }
    return new BackpackView(r, status, detail, driver.publicUrl(r.name()));
  }

  private static Optional<BackpackName> valid(String name) {
    try {
      return Optional.of(new BackpackName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
