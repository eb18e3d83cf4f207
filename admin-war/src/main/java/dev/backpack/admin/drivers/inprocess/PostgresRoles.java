package dev.backpack.admin.drivers.inprocess;

import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.EngineSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.logging.Logger;
import org.postgresql.PGConnection;

/**
 * A backpack's own role and schema on the platform's PostgreSQL, made and dropped over a
 * connection of the platform's role (superuser, or owner with CREATEROLE): role {@code bp_<name>}
 * ({@code LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION}, a connection limit a
 * little above its pool's size), schema {@code bp_<name> AUTHORIZATION bp_<name>}, the role's
 * {@code search_path} set to it.
 *
 * <p>Identifiers cannot be bound parameters in DDL: the names come from a validated {@link
 * BackpackName} ({@code bp_[a-z0-9_]+}) and are still double-quoted ({@link #quote}). Passwords
 * never enter SQL text: {@code PGConnection.alterUserPassword} hashes them client-side (SCRAM) and
 * sends only the verifier, so no statement log shows them.
 */
final class PostgresRoles {

  /**
   * The role's {@code CONNECTION LIMIT}: core-war's pool ({@link
   * EngineSettings.Postgres#DEFAULT_MAX_CONNECTIONS}) plus 2, for Flyway's connection at deploy time
   * and a connection still closing while its replacement opens.
   */
  static final int CONNECTION_LIMIT = EngineSettings.Postgres.DEFAULT_MAX_CONNECTIONS + 2;

  private static final Logger LOG = Logger.getLogger(PostgresRoles.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private PostgresRoles() {}

  /** A fresh password: 32 random bytes, base64url without padding. */
  static String freshPassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the backpack's role or its schema exists (what an earlier backpack may have left). */
  static boolean exists(Connection c, BackpackName name) throws SQLException {
    return roleExists(c, name.role()) || schemaExists(c, name.schema());
  }

  static boolean roleExists(Connection c, String role) throws SQLException {
    return one(c, "select 1 from pg_roles where rolname = ?", role);
  }

  static boolean schemaExists(Connection c, String schema) throws SQLException {
    return one(c, "select 1 from pg_namespace where nspname = ?", schema);
  }

  /**
   * Makes sure the backpack's role exists with its attributes and {@code password}, and its schema
   * exists and belongs to it. Idempotent: run at every create and every start (backpacks registered
   * before PostgreSQL get theirs at their next start).
   */
  static void ensure(Connection c, BackpackName name, String password) throws SQLException {
    String role = quote(name.role());
    String schema = quote(name.schema());
    String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT " + CONNECTION_LIMIT;
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // two platforms on one server may race on the same name: the registry decides, this lock
      // only keeps the DDL of one name in one transaction at a time
      try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
        lock.setString(1, "backpack-role:" + name.role());
        lock.execute();
      }
      if (roleExists(c, name.role())) {
        s.execute("ALTER ROLE " + role + attributes);
      } else {
        s.execute("CREATE ROLE " + role + attributes);
      }
      c.unwrap(PGConnection.class).alterUserPassword(name.role(), password.toCharArray(), null);
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + role);
      s.execute("ALTER SCHEMA " + schema + " OWNER TO " + role);
      s.execute("ALTER ROLE " + role + " SET search_path = " + schema);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    revokePublicCreate(c);
  }

  /**
   * Servers before PostgreSQL 15 let every role (PUBLIC) create tables in schema {@code public}: a
   * backpack's role must not put anything beside the platform's tables. A no-op where that grant is
   * gone already, or where the platform's role may not revoke it (then a warning in the log).
   */
  private static void revokePublicCreate(Connection c) throws SQLException {
    if (!one(c, "select 1 from pg_namespace where nspname = 'public' and has_schema_privilege('public', 'public', 'CREATE')")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    } catch (SQLException e) {
      LOG.warning("cannot revoke CREATE on schema public from PUBLIC (" + e.getMessage() + "): backpack roles may create tables there");
    }
  }

  /**
   * Drops the backpack's schema with everything in it and its role, after ending the role's
   * sessions (a role with open connections cannot be dropped). Nothing happens for what does not
   * exist.
   */
  static void drop(Connection c, BackpackName name) throws SQLException {
    String role = quote(name.role());
    boolean hasRole = roleExists(c, name.role());
    try (Statement s = c.createStatement()) {
      if (hasRole) {
        // no new sessions while the old ones are ended
        s.execute("ALTER ROLE " + role + " NOLOGIN");
        try (PreparedStatement terminate = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity where usename = ? and pid <> pg_backend_pid()")) {
          terminate.setString(1, name.role());
          terminate.execute();
        }
      }
      s.execute("DROP SCHEMA IF EXISTS " + quote(name.schema()) + " CASCADE");
      if (hasRole) {
        // whatever else it owns or was granted in this database (e.g. a table it moved elsewhere)
        s.execute("DROP OWNED BY " + role + " CASCADE");
        s.execute("DROP ROLE IF EXISTS " + role);
      }
    }
  }

  /**
   * A double-quoted SQL identifier.
   *
   * @throws IllegalArgumentException for anything but a backpack's own name ({@code bp_[a-z0-9_]+})
   */
  static String quote(String identifier) {
    if (!identifier.matches("bp_[a-z0-9_]{1,60}")) {
      throw new IllegalArgumentException("not a backpack's identifier: " + identifier);
    }
    return '"' + identifier + '"';
  }

  private static boolean one(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
