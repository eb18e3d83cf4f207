package dev.backpack.admin.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemResourceTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"127.0.0.1, true", "127.1.2.3, true", "::1, true", "0:0:0:0:0:0:0:1, true", "10.0.0.1, false", "192.168.1.2, false", "'', false"})
  void onlyLoopbackAddressesReachTheLaunchersRoutes(String address, boolean loopback) {
    assertEquals(loopback, SystemResource.loopback(address.isEmpty() ? null : address));
  }
}
