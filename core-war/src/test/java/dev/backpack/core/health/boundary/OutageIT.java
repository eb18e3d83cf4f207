package dev.backpack.core.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import dev.backpack.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A database outage: health says DOWN, routes answer 503 with Retry-After, and it recovers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutageIT {

  static Path dir;
  static EmbeddedPostgres postgres;

  /** A PostgreSQL server of this test's own, to stop and start again. */
  @Deployment(testable = false)
  static WebArchive deployment() throws Exception {
    dir = Files.createTempDirectory("outage");
    postgres = EmbeddedPostgres.start(dir, 0);
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE outage LOGIN PASSWORD 'outage-password'");
      st.execute("CREATE SCHEMA outage AUTHORIZATION outage");
    }
    return Deployments.backpack(
        "outage",
        Map.of(
            "backpack.postgres.url", postgres.jdbcUrl(),
            "backpack.postgres.user", "outage",
            "backpack.postgres.password", "outage-password",
            "backpack.postgres.schema", "outage"));
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @ArquillianResource URL base;

  @Test
  void databaseDownThenBack() {
    Api api = new Api(base).newUser("outage@example.com");
    assertEquals(201, api.post("/api/collections/things/records", "{\"a\":1}").status());
    int port = postgres.port();
    postgres.close();

    Reply health = api.get("/api/health");
    assertEquals(503, health.status());
    JsonObject down = health.json();
    assertEquals("DOWN", down.getString("status"));
    assertEquals("DOWN", down.getJsonArray("checks").getJsonObject(0).getString("status"));
    assertEquals("UP", down.getJsonArray("checks").getJsonObject(1).getString("status"));
    Reply write = api.post("/api/collections/things/records", "{\"a\":2}");
    write.problem(503);
    assertNotNull(write.header("Retry-After"));
    api.get("/api/collections/things/records").problem(503);

    postgres = EmbeddedPostgres.start(dir, port);
    assertEquals(200, api.get("/api/health").status());
    assertEquals(201, api.post("/api/collections/things/records", "{\"a\":3}").status());
  }
}
