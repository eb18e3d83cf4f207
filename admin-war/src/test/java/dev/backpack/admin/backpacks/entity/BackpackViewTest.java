package dev.backpack.admin.backpacks.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.deployment.BackpackName;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackpackViewTest {

  static final String KEY = "secret-admin-key-never-shown";

  BackpackView cut =
      new BackpackView(
          new Registration(new BackpackName("shop"), UUID.randomUUID(), "dev@example.org", KEY, Registration.State.ACTIVE, Instant.parse("2026-01-02T03:04:05Z")),
          "up",
          null,
          URI.create("http://127.0.0.1:8080/shop/"));

  @Test
  void theSnippetImportsTheSdkTheBackpackServesAndPointsAtItsBase() {
    assertEquals(
        "import { Backpack } from 'http://127.0.0.1:8080/shop/sdk/backpack.js';\nconst bp = new Backpack('http://127.0.0.1:8080/shop');\n",
        cut.sdkSnippet());
  }

  @Test
  void theJsonShowsWhatTheSpaNeedsAndNeverTheAdminKey() {
    JsonObject json = cut.toJson();

    assertEquals("shop", json.getString("name"));
    assertEquals("up", json.getString("status"));
    assertTrue(json.isNull("statusDetail"));
    assertEquals("http://127.0.0.1:8080/shop/", json.getString("url"));
    assertEquals("http://127.0.0.1:8080/shop/api/openapi", json.getString("apiDocs"));
    assertEquals("dev@example.org", json.getJsonObject("owner").getString("email"));
    assertEquals("2026-01-02T03:04:05Z", json.getString("createdAt"));
    assertFalse(json.toString().contains(KEY));
  }

  @Test
  void aPlatformBackpackHasNoOwner() {
    var platform = new BackpackView(new Registration(new BackpackName("demo"), null, null, KEY, Registration.State.ACTIVE, Instant.now()), "down", "why", URI.create("http://h/demo/"));

    assertTrue(platform.toJson().isNull("owner"));
    assertEquals("why", platform.toJson().getString("statusDetail"));
  }
}
