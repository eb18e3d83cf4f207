package dev.backpack.core.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import dev.backpack.embedded.EmbeddedMongo;
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

  static EmbeddedMongo mongo;

  @Deployment(testable = false)
  static WebArchive deployment() {
    mongo = EmbeddedMongo.inMemory(0).start();
    return Deployments.backpack("outage", mongo.connectionString(), Map.of());
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @ArquillianResource URL base;

  @Test
  void databaseDownThenBack() {
    Api api = new Api(base).newUser("outage@example.com");
    assertEquals(201, api.post("/api/collections/things/records", "{\"a\":1}").status());
    int port = mongo.port();
    mongo.close();

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

    mongo = EmbeddedMongo.inMemory(port).start();
    assertEquals(200, api.get("/api/health").status());
    assertEquals(201, api.post("/api/collections/things/records", "{\"a\":3}").status());
  }
}
