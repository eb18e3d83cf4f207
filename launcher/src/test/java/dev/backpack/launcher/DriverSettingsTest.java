package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which driver {@code ./backpack} gives admin-war, from {@code BACKPACK_DRIVER} and {@code BACKPACK_SWARM_*}. */
class DriverSettingsTest {

  @Test
  void withoutTheVariableEveryBackpackRunsInProcessAndSwarmVariablesAreStillPassedOn() {
    assertEquals(Map.of("backpack.driver", "inprocess"), Platform.driverSettings(Map.of("PATH", "/usr/bin", "BACKPACK_MONGODB_URI", "mongodb://x")));
    assertEquals(Map.of("backpack.driver", "inprocess"), Platform.driverSettings(Map.of("BACKPACK_DRIVER", " ")));
  }

  @Test
  void theSwarmDriverGetsItsSettingsUnderTheirConfigNames() {
    Map<String, String> settings =
        Platform.driverSettings(
            Map.of(
                "BACKPACK_DRIVER", "Swarm",
                "BACKPACK_SWARM_CORE_IMAGE", "backpack/core:dev",
                "BACKPACK_SWARM_ENDPOINT_MODE", "dnsrr",
                "BACKPACK_SWARM_MONGO_AUTH", "false",
                "BACKPACK_SWARM_", "nameless",
                "BACKPACK_SWARMS", "not ours"));
    assertEquals(
        Map.of(
            "backpack.driver", "swarm",
            "backpack.swarm.core-image", "backpack/core:dev",
            "backpack.swarm.endpoint-mode", "dnsrr",
            "backpack.swarm.mongo-auth", "false"),
        settings);
  }

  @Test
  void anUnknownDriverIsRefusedWithTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.driverSettings(Map.of("BACKPACK_DRIVER", "kubernetes")));
    assertEquals("BACKPACK_DRIVER=kubernetes is not a driver; use one of inprocess, swarm", e.getMessage());
  }
}
