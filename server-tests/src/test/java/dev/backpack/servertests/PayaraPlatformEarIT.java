package dev.backpack.servertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The platform EAR on a full Payara Server 6 ({@link PlatformEarChecks}), plus what only Payara
 * has: its MicroProfile Health lists every backpack's readiness. One domain start.
 */
class PayaraPlatformEarIT extends PlatformEarChecks {

  Backends backends;
  AppServer payara;

  @BeforeAll
  void deploy() {
    Path work = Path.of(System.getProperty("servers.work")).resolve("payara-data");
    backends = Backends.start(work);
    payara = AppServer.prepare(AppServer.Kind.PAYARA, "payara").start();
    deployPlatform(payara, backends, work);
  }

  @AfterAll
  void stop() {
    try {
      if (payara != null) {
        payara.close();
      }
    } finally {
      if (backends != null) {
        backends.close();
      }
    }
  }

  @Test
  @Order(1)
  void everyListenerIsOnLoopback() {
    assertEquals(List.of(), payara.nonLoopbackListeners());
  }

  @Test
  @Order(23)
  void theServersMicroProfileHealthIncludesTheBackpack() {
    Http.Reply ready = platform.get("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    assertTrue(
        ready.json().getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(c -> c.getString("name").equals("backpack-shop") && c.getString("status").equals("UP")),
        ready::toString);
  }
}
