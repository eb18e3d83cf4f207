package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Realtime on one replica, over real WebSockets: what a frontend developer's app would see. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealtimeIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("rt", TestBackends.mongoUri(), Map.of());
  }

  @ArquillianResource URL base;

  static String unique() {
    return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  URI ws() {
    return WsClient.realtime(base);
  }

  @Test
  void aSignedInSocketSeesRestWritesLive() {
    Accounts alice = Accounts.register(new Api(base));
    try (WsClient socket = WsClient.signedIn(ws(), alice.token())) {
      socket.assertOpen();
      JsonObject ack = socket.ok("{\"type\":\"subscribe\",\"collection\":\"todos\"}");
      String sub = ack.getString("sub");
      alice.create("todos", "{\"title\":\"milk\"}");
      JsonObject change = socket.next("change");
      assertEquals(sub, change.getString("sub"));
      assertEquals("create", change.getString("op"));
      assertEquals("milk", change.getJsonObject("record").getString("title"));
    }
  }
}
