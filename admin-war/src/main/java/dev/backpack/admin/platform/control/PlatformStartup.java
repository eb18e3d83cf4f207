package dev.backpack.admin.platform.control;

import dev.backpack.admin.backpacks.control.Backpacks;
import dev.backpack.admin.backpacks.control.LegacyRegistry;
import dev.backpack.admin.operations.control.OperationStore;
import dev.backpack.deployment.BackpackName;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The platform's start: migrates the schema (before admin-war answers anything), imports the
 * launcher's former file registry, then, on a background thread, brings every registered backpack
 * up again and creates the requested ones ({@code backpack.platform.ensure}). Meanwhile the API
 * answers and shows those backpacks as {@code deploying}.
 */
@ApplicationScoped
public class PlatformStartup {

  private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

  @Inject PlatformConfig config;
  @Inject Database database;
  @Inject LegacyRegistry legacy;
  @Inject OperationStore operations;
  @Inject Backpacks backpacks;
  @Inject StartupLog log;

  // a thread of its own: it waits for the create operations it starts, which run on the managed
  // executor; holding one of the executor's few threads meanwhile would starve them
  @Resource ManagedThreadFactory threads;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      database.migrate();
      legacy.importFrom(config.dataDir().resolve("backpacks"), log::add);
      int interrupted = operations.failInterrupted("interrupted by a platform restart");
      if (interrupted > 0) {
        log.add(interrupted + " operation(s) interrupted by the last stop marked failed");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "the platform cannot start: " + e.getMessage(), e);
      log.add("the platform cannot start: " + e.getMessage());
      log.finish(e.getMessage());
      return;
    }
    Thread bringUp = threads.newThread(this::bringUp);
    bringUp.setName("backpack-platform-startup");
    bringUp.start();
  }

  private void bringUp() {
    String failure = null;
    try {
      backpacks.startAll(log::add);
      for (String requested : config.ensure()) {
        backpacks.ensure(new BackpackName(requested), log::add);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "start-up of the backpacks failed", e);
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
      log.add("start-up of the backpacks failed: " + failure);
    } finally {
      log.finish(failure);
    }
  }
}
