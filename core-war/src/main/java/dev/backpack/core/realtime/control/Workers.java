package dev.backpack.core.realtime.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads of realtime in this deployment: a small pool whose threads die when idle (a
 * backpack without sockets keeps none, which matters at a thousand backpacks per process), the
 * socket writers (idle threads die too), a timer, and serial lanes over the pool. A lane runs its tasks one at a time in order: changes of
 * one record always take the same lane, which keeps them in commit order.
 */
@ApplicationScoped
public class Workers {

  private static final Logger LOG = Logger.getLogger(Workers.class.getName());

  @Resource ManagedThreadFactory managedThreads;

  private ThreadFactory threads;
  private ThreadPoolExecutor pool;
  private ThreadPoolExecutor writers;
  private ScheduledThreadPoolExecutor timer;
  private Lane[] lanes;

  @PostConstruct
  void start() {
    threads = managedThreads != null ? managedThreads : Executors.defaultThreadFactory();
    int size = Math.max(2, Runtime.getRuntime().availableProcessors());
    pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    int writing = 4 * size;
    writers = new ThreadPoolExecutor(writing, writing, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    writers.allowCoreThreadTimeOut(true);
    timer = new ScheduledThreadPoolExecutor(1, threads);
    timer.setKeepAliveTime(30, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    timer.setRemoveOnCancelPolicy(true);
    lanes = new Lane[size];
    for (int i = 0; i < size; i++) {
      lanes[i] = new Lane(pool);
    }
  }

  /** A dedicated (daemon) thread for a task that blocks for long, e.g. a Redis subscription. */
  public Thread thread(String name, Runnable task) {
    Thread thread = threads.newThread(task);
    thread.setName(name);
    thread.setDaemon(true);
    return thread;
  }

  /** Runs a task on the pool. */
  public void execute(Runnable task) {
    pool.execute(guarded(task));
  }

  /**
   * The threads that write to sockets. Kept apart from the pool: a write to a client that does not
   * read may block until its kernel buffers drain, and must not hold up dispatching.
   */
  public Executor writers() {
    return task -> writers.execute(guarded(task));
  }

  /** The lane for a key: tasks for one key run one at a time, in submission order. */
  public Executor lane(String key) {
    return lanes[Math.floorMod(key.hashCode(), lanes.length)];
  }

  /** Runs a task every {@code millis} until cancelled. */
  public ScheduledFuture<?> every(long millis, Runnable task) {
    return timer.scheduleWithFixedDelay(guarded(task), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs a task once after a delay. */
  public ScheduledFuture<?> later(long millis, Runnable task) {
    return timer.schedule(guarded(task), millis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
    pool.shutdownNow();
    // let the goodbyes (close 1001) queued by Connections go out, for a moment
    writers.shutdown();
    try {
      writers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writers.shutdownNow();
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "realtime task failed", e);
      }
    };
  }

  /** Runs tasks one at a time on a shared pool (the serial executor of {@link Executor}'s docs). */
  static final class Lane implements Executor {

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private Runnable active;

    Lane(Executor pool) {
      this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(
          () -> {
            try {
              guarded(task).run();
            } finally {
              next();
            }
          });
      if (active == null) {
        next();
      }
    }

    private synchronized void next() {
      active = tasks.poll();
      if (active != null) {
        pool.execute(active);
      }
    }
  }
}
