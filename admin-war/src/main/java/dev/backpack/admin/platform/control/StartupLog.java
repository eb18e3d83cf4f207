package dev.backpack.admin.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What the platform's start-up did, line by line, and whether it has finished (every registered
 * backpack tried, every requested one created): the launcher prints these lines and its ready
 * line after {@link #done()}.
 */
@ApplicationScoped
public class StartupLog {

  private static final Logger LOG = Logger.getLogger(StartupLog.class.getName());

  private final List<String> lines = new ArrayList<>();
  private boolean done;
  private String failure;

  /** The lines from an index on, and the state, read at once. */
  public record Snapshot(List<String> lines, int next, boolean done, String failure) {}

  public synchronized Snapshot snapshot(int since) {
    return new Snapshot(since(since), lines.size(), done, failure);
  }

  public synchronized void add(String line) {
    lines.add(line);
    LOG.info(line);
  }

  public synchronized void finish(String failureOrNull) {
    done = true;
    failure = failureOrNull;
  }

  /** The lines from index {@code since} on. */
  public synchronized List<String> since(int since) {
    return since >= lines.size() ? List.of() : new ArrayList<>(lines.subList(Math.max(0, since), lines.size()));
  }

  public synchronized int size() {
    return lines.size();
  }

  public synchronized boolean done() {
    return done;
  }

  /** Why the start-up failed as a whole (the database is unreachable ...), or null. */
  public synchronized String failure() {
    return failure;
  }
}
