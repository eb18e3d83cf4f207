package dev.backpack.admin.platform.control;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The platform's PostgreSQL: a small connection pool, and the schema migrated by Flyway ({@code
 * db/migration/V*__*.sql}) before anything uses it.
 */
@ApplicationScoped
public class Database {

  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  @Inject PlatformConfig config;

  private HikariDataSource pool;

  @PostConstruct
  void open() {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(config.postgresUrl());
    postgres.setUser(config.postgresUser());
    postgres.setPassword(config.postgresPassword());
    postgres.setConnectTimeout(5);
    postgres.setApplicationName("backpack-platform");
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(postgres);
    hikari.setPoolName("backpack-platform");
    hikari.setMaximumPoolSize(8);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(5_000);
    // start even when PostgreSQL is down: requests answer 503 until it is back
    hikari.setInitializationFailTimeout(-1);
    pool = new HikariDataSource(hikari);
  }

  /** Brings the schema to the latest version. */
  public void migrate() {
    MigrateResult result =
        Flyway.configure(Database.class.getClassLoader())
            .dataSource(pool)
            .locations("classpath:db/migration")
            .table("platform_schema_history")
            .baselineOnMigrate(false)
            .load()
            .migrate();
    LOG.info("platform schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migrations run)");
  }

  public DataSource dataSource() {
    return pool;
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @PreDestroy
  void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
