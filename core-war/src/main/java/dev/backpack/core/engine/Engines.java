package dev.backpack.core.engine;

import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.engine.mongodb.MongoEngine;
import dev.backpack.core.engine.postgres.PostgresEngine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses and owns this backpack's engine: {@code mongodb} when {@code backpack.mongodb.uri} is
 * set, {@code postgres} otherwise. Created once per deployment and closed with it, so an
 * undeployed backpack leaves no pool, thread or socket behind.
 */
@ApplicationScoped
public class Engines {

  private static final Logger LOG = Logger.getLogger(Engines.class.getName());

  @Inject BackpackSettings settings;

  private Engine engine;

  @PostConstruct
  void open() {
    String application = "backpack-" + settings.name();
    if (settings.mongoUri().isPresent()) {
      engine = new MongoEngine(settings.mongoUri().get(), settings.mongoDatabase(), application);
    } else {
      engine =
          new PostgresEngine(
              new PostgresEngine.Settings(
                  settings.postgresUrl(),
                  settings.postgresUser(),
                  settings.postgresPassword(),
                  settings.postgresSchema(),
                  settings.postgresMaxConnections(),
                  settings.queryMillis(),
                  application));
    }
    LOG.info("backpack " + settings.name() + " keeps its data in the " + engine.id() + " engine");
  }

  /**
   * Prepares the schema before the first request where the database answers (else: at the first
   * request that reaches it), then imports the data of an earlier release's MongoDB store when the
   * settings name one. A failed import stops the deployment: a backpack that came up empty would
   * look to its users as if their data were lost; the next start copies again.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (!(engine instanceof PostgresEngine postgres)) {
      return;
    }
    try {
      postgres.migrate();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the backpack''s schema is not ready yet: {0}", e.getMessage());
      if (settings.importMongo().isEmpty()) {
        return;
      }
      throw e;
    }
    settings
        .importMongo()
        .ifPresent(
            store -> {
              MongoEngine source = new MongoEngine(store.getKey(), store.getValue(), "backpack-import-" + settings.name());
              try {
                LegacyImport.run(source, postgres, "mongodb:" + store.getValue());
              } finally {
                source.close();
              }
            });
  }

  @Produces
  public Engine engine() {
    return engine;
  }

  @PreDestroy
  void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
