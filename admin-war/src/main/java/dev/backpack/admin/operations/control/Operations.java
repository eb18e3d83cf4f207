package dev.backpack.admin.operations.control;

import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Operation.Kind;
import dev.backpack.admin.operations.entity.Operation.State;
import dev.backpack.admin.operations.entity.Step;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs operations: each one is a row in PostgreSQL, runs on the server's managed executor, records
 * every step as it starts (persisted, then pushed to live watchers) and ends succeeded or failed
 * with the reason.
 */
@ApplicationScoped
public class Operations {

  /** The work of an operation; throwing fails it with the exception's message. */
  @FunctionalInterface
  public interface Work {
    void run(Progress progress) throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(Operations.class.getName());

  @Inject OperationStore store;
  @Inject OperationFeed feed;

  @Resource ManagedExecutorService executor;

  /** A started operation and its completion (for callers that wait, e.g. the launcher's). */
  public record Started(Operation operation, CompletableFuture<Operation> done) {}

  /**
   * Records and starts an operation.
   *
   * @param kind create or delete
   * @param backpack the backpack's name
   * @param ownerId the backpack's owner, null for the platform's own
   * @param startedBy who asked, null for the platform
   * @param work what to do
   * @return the operation as recorded (running, no steps yet) and its completion
   */
  public Started start(Kind kind, String backpack, UUID ownerId, UUID startedBy, Work work) {
    Operation operation = new Operation(UUID.randomUUID(), kind, backpack, ownerId, startedBy, State.RUNNING, null, Instant.now(), null, List.of());
    store.insert(operation);
    CompletableFuture<Operation> done = new CompletableFuture<>();
    executor.execute(() -> done.complete(run(operation, work)));
    return new Started(operation, done);
  }

  private Operation run(Operation operation, Work work) {
    AtomicInteger seq = new AtomicInteger();
    Progress progress =
        message -> {
          Step step = new Step(seq.incrementAndGet(), Instant.now(), message);
          store.addStep(operation.id(), step);
          feed.step(operation.id(), step);
        };
    State state = State.SUCCEEDED;
    String error = null;
    try {
      work.run(progress);
    } catch (Exception | LinkageError e) {
      state = State.FAILED;
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.log(Level.WARNING, "operation " + operation.id() + " (" + operation.kind().value() + " " + operation.backpack() + ") failed: " + error, e);
    }
    Instant finished = Instant.now();
    try {
      store.finish(operation.id(), state, error, finished);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "cannot record the end of operation " + operation.id(), e);
    }
    Operation ended = store.find(operation.id()).orElse(operation);
    feed.end(ended);
    return ended;
  }

  /**
   * An operation the viewer may read: the owner reads all, a developer those on their backpacks.
   *
   * @throws ProblemException 404 otherwise (the same as unknown: ids reveal nothing)
   */
  public Operation readable(Account viewer, String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
    Optional<Operation> found = store.find(uuid);
    if (found.isEmpty() || !(viewer.isOwner() || viewer.id().equals(found.get().ownerId()))) {
      throw notFound();
    }
    return found.get();
  }

  /** The newest operations the viewer may read, optionally of one backpack. */
  public List<Operation> list(Account viewer, String backpack, int limit) {
    return store.list(viewer.isOwner() ? null : viewer.id(), backpack, limit);
  }

  private static ProblemException notFound() {
    return ProblemException.notFound("No such operation.");
  }
}
