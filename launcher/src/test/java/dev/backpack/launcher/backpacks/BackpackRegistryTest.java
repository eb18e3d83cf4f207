package dev.backpack.launcher.backpacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpackRegistryTest {

  @TempDir Path root;

  BackpackRegistry cut;

  @BeforeEach
  void create() {
    cut = new BackpackRegistry(root);
  }

  @Test
  void registeringMakesA256BitAdminKeyOnceAndKeepsItAcrossRestarts() throws Exception {
    var first = cut.register(new BackpackName("demo"));
    assertEquals(32, Base64.getUrlDecoder().decode(first.adminKey()).length);
    assertFalse(first.adminKey().contains("="), "no padding");

    var again = new BackpackRegistry(root).register(new BackpackName("demo"));
    assertEquals(first.adminKey(), again.adminKey());
    assertNotEquals(first.adminKey(), cut.register(new BackpackName("other")).adminKey());

    Path file = root.resolve("demo").resolve(BackpackRegistry.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(Files.isDirectory(root.resolve("demo/files")));
  }

  @Test
  void listsRegisteredBackpacksSortedAndIgnoresStrangers() throws Exception {
    cut.register(new BackpackName("zeta"));
    cut.register(new BackpackName("alpha"));
    Files.createDirectories(root.resolve("beta")); // no registry file: not registered
    Files.createDirectories(root.resolve("Not_A_Name"));
    Files.writeString(root.resolve("Not_A_Name").resolve(BackpackRegistry.FILE), "admin.key=x");

    List<String> names = cut.all().stream().map(r -> r.name().value()).toList();

    assertEquals(List.of("alpha", "zeta"), names);
  }

  @Test
  void unregisteringForgetsTheBackpackButKeepsItsFiles() throws Exception {
    var registration = cut.register(new BackpackName("demo"));
    Files.writeString(registration.filesDir().resolve("photo.jpg"), "data");
    Files.createDirectories(registration.appDir().resolve("WEB-INF"));

    assertTrue(cut.unregister(new BackpackName("demo")));

    assertTrue(cut.find(new BackpackName("demo")).isEmpty());
    assertFalse(Files.exists(registration.appDir()));
    assertTrue(Files.exists(registration.filesDir().resolve("photo.jpg")));
    assertFalse(cut.unregister(new BackpackName("demo")));
  }
}
