package dev.backpack.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

  BackpackName shop = new BackpackName("my-shop");

  @Test
  void postgresWritesTheBackpacksOwnRoleSchemaAndPoolSize() {
    Map<String, String> settings = new LinkedHashMap<>();
    EngineSettings.Postgres.of("jdbc:postgresql://127.0.0.1:5/postgres", shop, "secret-pw").putInto(settings);
    assertEquals(
        List.of("backpack.postgres.url", "backpack.postgres.user", "backpack.postgres.password", "backpack.postgres.schema", "backpack.postgres.max-connections"),
        List.copyOf(settings.keySet()));
    assertEquals("bp_my_shop", settings.get("backpack.postgres.user"));
    assertEquals("bp_my_shop", settings.get("backpack.postgres.schema"));
    assertEquals("secret-pw", settings.get("backpack.postgres.password"));
    assertEquals("10", settings.get("backpack.postgres.max-connections"));
  }

  @Test
  void mongoDbWritesOnlyItsTwoKeys() {
    Map<String, String> settings = new LinkedHashMap<>();
    EngineSettings.MongoDb.of("mongodb://u:p@db:27017", shop).putInto(settings);
    assertEquals(Map.of("backpack.mongodb.uri", "mongodb://u:p@db:27017", "backpack.mongodb.database", "bp_my_shop"), settings);
    assertThrows(IllegalArgumentException.class, () -> EngineSettings.MongoDb.of(" ", shop));
  }

  @Test
  void secretsStayOutOfToString() {
    assertFalse(EngineSettings.Postgres.of("jdbc:postgresql://h/p", shop, "secret-pw").toString().contains("secret-pw"));
    assertFalse(EngineSettings.MongoDb.of("mongodb://u:p@db:27017", shop).toString().contains("u:p"));
  }
}
