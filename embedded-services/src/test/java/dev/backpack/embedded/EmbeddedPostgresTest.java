package dev.backpack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @TempDir Path dir;

  EmbeddedPostgres cut;

  @AfterEach
  void close() {
    if (cut != null) {
      cut.close();
    }
  }

  @Test
  void rowsSurviveARestartOnTheSameDataDirectory() throws SQLException {
    cut = EmbeddedPostgres.start(dir, 0);
    try (Connection c = connect(cut)) {
      c.createStatement().execute("create table admins(email text primary key)");
      c.createStatement().execute("insert into admins values ('root@example.org')");
    }
    cut.close();
    cut = null;
    assertTrue(Files.exists(dir.resolve("data/PG_VERSION")), "cluster kept on disk");

    cut = EmbeddedPostgres.start(dir, 0);
    try (Connection c = connect(cut);
        ResultSet rs = c.createStatement().executeQuery("select email from admins")) {
      assertTrue(rs.next(), "row read back after restart");
      assertEquals("root@example.org", rs.getString(1));
    }
  }

  @Test
  void listensOnLoopbackOnlyWithDurableCommitsAndRoomForManyBackpacks() throws SQLException {
    cut = EmbeddedPostgres.start(dir, 0);
    assertEquals("jdbc:postgresql://127.0.0.1:" + cut.port() + "/postgres", cut.jdbcUrl());
    try (Connection c = connect(cut)) {
      assertEquals("127.0.0.1", show(c, "listen_addresses"));
      // zonky's defaults are -F and synchronous_commit=off: both must be overridden
      assertEquals("on", show(c, "fsync"));
      assertEquals("on", show(c, "synchronous_commit"));
      assertEquals(String.valueOf(EmbeddedPostgres.MAX_CONNECTIONS), show(c, "max_connections"));
    }
  }

  @Test
  void everyLoginNeedsItsPasswordTheSuperusersToo() throws Exception {
    cut = EmbeddedPostgres.start(dir, 0);
    Path passwordFile = dir.resolve(EmbeddedPostgres.PASSWORD_FILE);
    assertEquals(cut.password(), Files.readString(passwordFile).strip());
    assertTrue(cut.password().length() >= 40, "32 random bytes, base64url");
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(passwordFile));
    try (Connection c = connect(cut)) {
      c.createStatement().execute("create role someone login password 'right-password-of-someone'");
    }
    assertLoginRefused(cut, EmbeddedPostgres.USER, "wrong");
    assertLoginRefused(cut, EmbeddedPostgres.USER, cut.password() + "x");
    assertLoginRefused(cut, "someone", "wrong");
    try (Connection c = cut.connect("someone", "right-password-of-someone")) {
      assertEquals("someone", query(c, "select current_user"));
    }

    // a restart keeps the password and the rule
    cut.close();
    cut = null;
    cut = EmbeddedPostgres.start(dir, 0);
    assertEquals(Files.readString(passwordFile).strip(), cut.password());
    assertLoginRefused(cut, "someone", "wrong");
    try (Connection c = connect(cut)) {
      assertEquals("postgres", query(c, "select current_user"));
    }
  }

  private static void assertLoginRefused(EmbeddedPostgres pg, String user, String password) {
    SQLException e = assertThrows(SQLException.class, () -> pg.connect(user, password).close(), user + " logged in with a wrong password");
    // 28P01 invalid_password
    assertEquals("28P01", e.getSQLState(), e.toString());
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connect(EmbeddedPostgres pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery("show " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
