package dev.backpack.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyImportSettingsTest {

  BackpackName shop = new BackpackName("my-shop");

  @Test
  void theBackpacksDatabaseOfThePreviousReleaseIsNamedAfterIt() {
    LegacyImportSettings cut = LegacyImportSettings.of("mongodb://127.0.0.1:4242", shop);
    assertEquals("bp_my_shop", cut.database());
    assertEquals("mongodb://127.0.0.1:4242", cut.uri());
  }

  @Test
  void theTwoImportKeysFollowTheEngineKeysInTheSettingsFile() {
    BackpackHome home = BackpackHome.of(Path.of("/data/backpacks"), shop);
    Map<String, String> settings = AppDirectory.settings(home, "key", EngineSettings.Postgres.of("jdbc:postgresql://h/p", shop, "pw"), "redis://r:6379");
    LegacyImportSettings.of("mongodb://127.0.0.1:4242", shop).putInto(settings);
    assertEquals("mongodb://127.0.0.1:4242", settings.get("backpack.import.mongodb.uri"));
    assertEquals("bp_my_shop", settings.get("backpack.import.mongodb.database"));
    List<String> keys = List.copyOf(settings.keySet());
    assertEquals(List.of("backpack.import.mongodb.uri", "backpack.import.mongodb.database"), keys.subList(keys.size() - 2, keys.size()));
    assertEquals("pw", settings.get("backpack.postgres.password"), "the engine's keys are untouched");
  }

  @Test
  void blanksAreRefusedAndTheUriStaysOutOfToString() {
    assertThrows(IllegalArgumentException.class, () -> LegacyImportSettings.of(" ", shop));
    assertThrows(IllegalArgumentException.class, () -> new LegacyImportSettings("mongodb://h", ""));
    assertFalse(LegacyImportSettings.of("mongodb://u:secret@h", shop).toString().contains("secret"));
  }
}
