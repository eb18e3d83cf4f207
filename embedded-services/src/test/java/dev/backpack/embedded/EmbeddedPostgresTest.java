package dev.backpack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  void listensOnLoopbackOnlyWithFsyncOn() throws SQLException {
    cut = EmbeddedPostgres.start(dir, 0);
    assertEquals("jdbc:postgresql://127.0.0.1:" + cut.port() + "/postgres", cut.jdbcUrl());
    try (Connection c = connect(cut)) {
      assertEquals("127.0.0.1", show(c, "listen_addresses"));
      assertEquals("on", show(c, "fsync"));
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
