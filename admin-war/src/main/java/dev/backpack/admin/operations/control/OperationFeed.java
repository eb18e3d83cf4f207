package dev.backpack.admin.operations.control;

import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live fan-out of running operations to whoever watches them (the SSE streams). Knows nothing of
 * HTTP: a watcher is a {@link Watcher}.
 */
@ApplicationScoped
public class OperationFeed {

  /** Receives one operation's events, on the operation's thread. */
  public interface Watcher {
    void step(Step step);

    /** The operation ended (as stored, with all its steps); no event follows. */
    void end(Operation operation);
  }

  private static final Logger LOG = Logger.getLogger(OperationFeed.class.getName());

  private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();

  /** Starts delivering the events of {@code operation} to {@code watcher}. */
  public void watch(UUID operation, Watcher watcher) {
    watchers.computeIfAbsent(operation, k -> new CopyOnWriteArraySet<>()).add(watcher);
  }

  public void unwatch(UUID operation, Watcher watcher) {
    watchers.computeIfPresent(operation, (k, set) -> {
      set.remove(watcher);
      return set.isEmpty() ? null : set;
    });
  }

  void step(UUID operation, Step step) {
    for (Watcher watcher : watchers.getOrDefault(operation, Set.of())) {
      try {
        watcher.step(step);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "watcher failed", e);
        unwatch(operation, watcher);
      }
    }
  }

  void end(Operation operation) {
    Set<Watcher> ending = watchers.remove(operation.id());
    if (ending != null) {
      for (Watcher watcher : ending) {
        try {
          watcher.end(operation);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "watcher failed", e);
        }
      }
    }
  }
}
