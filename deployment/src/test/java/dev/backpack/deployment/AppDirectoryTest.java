package dev.backpack.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirectoryTest {

  @TempDir Path tmp;

  Path data;
  ExtractedWar core;
  BackpackHome demo;
  String key = "k3y";

  @BeforeEach
  void extractCore() throws IOException {
    data = tmp.resolve("data");
    Path war = war(tmp.resolve("core-war.war"), "v1");
    core = ExtractedWar.extract(war, data.resolve("core"));
    demo = BackpackHome.of(data.resolve("backpacks"), new BackpackName("demo"));
  }

  @Test
  void coreIsExtractedOnceUnderItsHashAndOldVersionsArePruned() throws IOException {
    assertEquals(12, core.version().length());
    assertTrue(Files.isRegularFile(core.lib().resolve("core.jar")));
    Files.writeString(core.dir().resolve("marker"), "kept");

    ExtractedWar same = ExtractedWar.extract(core.war(), data.resolve("core"));
    assertEquals(core.dir(), same.dir());
    assertTrue(Files.exists(same.dir().resolve("marker")), "not extracted again");

    ExtractedWar rebuilt = ExtractedWar.extract(war(tmp.resolve("core-war-2.war"), "v2"), data.resolve("core"));
    assertFalse(rebuilt.version().equals(core.version()));
    try (var versions = Files.list(data.resolve("core"))) {
      assertEquals(List.of(rebuilt.dir()), versions.toList());
    }
  }

  @Test
  void appDirectoryCopiesDescriptorsLinksJarsAndWritesTheOwnerOnlyConfig() throws IOException {
    String password = "pw-of-bp_demo";
    Map<String, String> settings = AppDirectory.settings(demo, key, EngineSettings.Postgres.of("jdbc:postgresql://127.0.0.1:1/postgres", demo.name(), password), "redis://127.0.0.1:2");

    AppDirectory.LibSharing sharing = AppDirectory.build(core, demo.appDir(), settings);

    Path app = demo.appDir();
    assertEquals(AppDirectory.LibSharing.SYMLINK, sharing);
    assertEquals("<web-app/>", Files.readString(app.resolve("WEB-INF/web.xml")));
    assertFalse(Files.isSymbolicLink(app.resolve("WEB-INF/web.xml")), "descriptors are copies");
    Path jar = app.resolve("WEB-INF/lib/core.jar");
    assertFalse(Files.isSymbolicLink(app.resolve("WEB-INF/lib")), "a linked directory is invisible to Payara's scanning");
    assertTrue(Files.isSymbolicLink(jar));
    assertTrue(Files.isSameFile(core.lib().resolve("core.jar"), jar));

    Path config = app.resolve(AppDirectory.CONFIG);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    Properties loaded = new Properties();
    try (var in = Files.newInputStream(config)) {
      loaded.load(in);
    }
    assertEquals(
        Map.of(
            "backpack.name", "demo",
            "backpack.postgres.url", "jdbc:postgresql://127.0.0.1:1/postgres",
            "backpack.postgres.user", "bp_demo",
            "backpack.postgres.password", password,
            "backpack.postgres.schema", "bp_demo",
            "backpack.postgres.max-connections", "10",
            "backpack.redis.uri", "redis://127.0.0.1:2",
            "backpack.redis.prefix", "bp:demo:",
            "backpack.files.dir", data.resolve("backpacks/demo/files").toAbsolutePath().toString(),
            "backpack.admin.key", key),
        Map.copyOf((Map) loaded));
    assertEquals(
        List.of(
            "backpack.name=demo",
            "backpack.postgres.url=jdbc:postgresql://127.0.0.1:1/postgres",
            "backpack.postgres.user=bp_demo",
            "backpack.postgres.password=" + password,
            "backpack.postgres.schema=bp_demo",
            "backpack.postgres.max-connections=10",
            "backpack.redis.uri=redis://127.0.0.1:2",
            "backpack.redis.prefix=bp:demo:",
            "backpack.files.dir=" + data.resolve("backpacks/demo/files").toAbsolutePath(),
            "backpack.admin.key=" + key),
        Files.readAllLines(config),
        "readable, in the contract's order");
  }

  @Test
  void rebuildingReplacesTheOldAppWithoutTouchingTheSharedCore() throws IOException {
    AppDirectory.build(core, demo.appDir(), AppDirectory.settings(demo, key, EngineSettings.MongoDb.of("mongodb://old", demo.name()), "redis://old"));
    Files.writeString(demo.appDir().resolve("stale.html"), "old");

    AppDirectory.build(core, demo.appDir(), AppDirectory.settings(demo, key, EngineSettings.MongoDb.of("mongodb://new", demo.name()), "redis://new"));

    assertFalse(Files.exists(demo.appDir().resolve("stale.html")));
    String written = Files.readString(demo.appDir().resolve(AppDirectory.CONFIG));
    assertTrue(written.contains("backpack.mongodb.uri=mongodb://new\nbackpack.mongodb.database=bp_demo\n"), written);
    assertFalse(written.contains("backpack.postgres."), "one engine's keys only: " + written);
    assertTrue(Files.isRegularFile(core.lib().resolve("core.jar")), "the shared jar survives");
  }

  @Test
  void thePlatformsSettingsGoToTheirOwnFileAndAHomeKnowsItsPlaces() throws IOException {
    Path app = data.resolve("admin/app");

    AppDirectory.build(core, app, AppDirectory.PLATFORM_CONFIG, Map.of("backpack.postgres.password", "s3cret"));

    Path config = app.resolve(AppDirectory.PLATFORM_CONFIG);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    assertEquals(List.of("backpack.postgres.password=s3cret"), Files.readAllLines(config));
    assertFalse(Files.exists(app.resolve(AppDirectory.CONFIG)), "no backpack settings in the platform's app");
    assertEquals(data.resolve("backpacks/demo/files").toAbsolutePath(), demo.filesDir());
    assertEquals(data.resolve("backpacks/demo/app").toAbsolutePath(), demo.appDir());
    assertEquals(data.resolve("backpacks/demo/backpack.properties").toAbsolutePath(), demo.legacyRegistryFile());
  }

  /** A WAR shaped like core-war: classes archived into WEB-INF/lib, descriptors beside. */
  private static Path war(Path file, String version) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      put(zip, "WEB-INF/web.xml", "<web-app/>");
      put(zip, "WEB-INF/glassfish-web.xml", "<glassfish-web-app/>");
      put(zip, "WEB-INF/lib/core.jar", "jar " + version);
      put(zip, "index.html", "<h1>" + version + "</h1>");
    }
    return file;
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    OutputStream out = zip;
    out.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
