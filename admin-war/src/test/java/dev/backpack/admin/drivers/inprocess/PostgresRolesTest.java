package dev.backpack.admin.drivers.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.deployment.BackpackName;
import dev.backpack.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roles and schemas of backpacks on a real PostgreSQL (zonky's binaries). */
class PostgresRolesTest {

  @TempDir static Path dir;

  static EmbeddedPostgres postgres;

  BackpackName a = new BackpackName("shop-a");
  BackpackName b = new BackpackName("shop-b");

  @BeforeAll
  static void start() throws SQLException {
    postgres = EmbeddedPostgres.start(dir, 0);
    try (Connection c = platform(); Statement s = c.createStatement()) {
      // a platform table, made by the platform's role as Flyway does
      s.execute("create table if not exists accounts (email text primary key)");
      s.execute("insert into accounts values ('root@example.org') on conflict do nothing");
    }
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void aBackpacksRoleOwnsItsSchemaAndIsRefusedEverywhereElse() throws SQLException {
    String pa = PostgresRoles.freshPassword();
    String pb = PostgresRoles.freshPassword();
    try (Connection c = platform()) {
      PostgresRoles.ensure(c, a, pa);
      PostgresRoles.ensure(c, b, pb);
      assertTrue(PostgresRoles.exists(c, a));
      try (ResultSet r = c.createStatement().executeQuery("select rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolcanlogin, rolconnlimit from pg_roles where rolname = 'bp_shop_a'")) {
        assertTrue(r.next());
        assertEquals(
            "false false false false true " + PostgresRoles.CONNECTION_LIMIT,
            r.getBoolean(1) + " " + r.getBoolean(2) + " " + r.getBoolean(3) + " " + r.getBoolean(4) + " " + r.getBoolean(5) + " " + r.getInt(6));
      }
    }
    try (Connection cb = postgres.connect(b.role(), pb); Statement s = cb.createStatement()) {
      s.execute("create table records (id text primary key)");
      s.execute("insert into records values ('b1')");
      assertEquals("bp_shop_b", one(cb, "select current_schema()"));
    }
    try (Connection ca = postgres.connect(a.role(), pa); Statement s = ca.createStatement()) {
      s.execute("create table records (id text primary key)");
      s.execute("insert into records values ('a1')");
      assertEquals("a1", one(ca, "select id from bp_shop_a.records"));
      assertRefused(ca, "select * from bp_shop_b.records");
      assertRefused(ca, "insert into bp_shop_b.records values ('x')");
      assertRefused(ca, "create table bp_shop_b.mine (id int)");
      assertRefused(ca, "select * from public.accounts");
      assertRefused(ca, "create table public.mine (id int)");
      assertRefused(ca, "create schema other");
      assertRefused(ca, "create role other");
    }
    SQLException wrong = assertThrows(SQLException.class, () -> postgres.connect(a.role(), pb).close());
    assertEquals("28P01", wrong.getSQLState());
  }

  @Test
  void ensureIsIdempotentAndKeepsTheDataAndTakesTheNewPassword() throws SQLException {
    BackpackName c1 = new BackpackName("again");
    String first = PostgresRoles.freshPassword();
    try (Connection c = platform()) {
      PostgresRoles.ensure(c, c1, first);
    }
    try (Connection own = postgres.connect(c1.role(), first)) {
      own.createStatement().execute("create table kept (v int)");
    }
    String second = PostgresRoles.freshPassword();
    try (Connection c = platform()) {
      PostgresRoles.ensure(c, c1, second);
    }
    try (Connection own = postgres.connect(c1.role(), second)) {
      assertEquals("0", one(own, "select count(*) from kept"));
    }
    assertThrows(SQLException.class, () -> postgres.connect(c1.role(), first).close());
  }

  @Test
  void dropEndsTheRolesSessionsAndRemovesSchemaAndRole() throws SQLException {
    BackpackName gone = new BackpackName("gone");
    String password = PostgresRoles.freshPassword();
    try (Connection c = platform()) {
      PostgresRoles.ensure(c, gone, password);
    }
    try (Connection open = postgres.connect(gone.role(), password)) {
      open.createStatement().execute("create table records (id text)");
      try (Connection c = platform()) {
        PostgresRoles.drop(c, gone);
        assertFalse(PostgresRoles.roleExists(c, "bp_gone"));
        assertFalse(PostgresRoles.schemaExists(c, "bp_gone"));
        assertFalse(PostgresRoles.exists(c, gone));
        // again: nothing left, nothing fails
        PostgresRoles.drop(c, gone);
      }
      assertThrows(SQLException.class, () -> open.createStatement().execute("select 1"), "its session was ended");
    }
  }

  @Test
  void onlyBackpackIdentifiersAreQuoted() {
    assertEquals("\"bp_my_app\"", PostgresRoles.quote(new BackpackName("my-app").schema()));
    assertThrows(IllegalArgumentException.class, () -> PostgresRoles.quote("bp_x\"; drop table accounts; --"));
    assertThrows(IllegalArgumentException.class, () -> PostgresRoles.quote("postgres"));
  }

  @Test
  void theUrlGivenToBackpacksCarriesNoCredentials() {
    assertEquals("jdbc:postgresql://h:5/db", BackpackData.withoutCredentials("jdbc:postgresql://h:5/db"));
    assertEquals("jdbc:postgresql://h:5/db?ssl=true", BackpackData.withoutCredentials("jdbc:postgresql://h:5/db?user=platform&ssl=true&password=s3cret"));
    assertEquals("jdbc:postgresql://h:5/db", BackpackData.withoutCredentials("jdbc:postgresql://h:5/db?PASSWORD=x"));
  }

  private static void assertRefused(Connection c, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute(sql), sql);
    assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
  }

  private static Connection platform() throws SQLException {
    return postgres.connect(postgres.user(), postgres.password());
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}
