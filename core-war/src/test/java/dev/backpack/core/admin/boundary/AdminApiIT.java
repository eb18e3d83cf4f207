package dev.backpack.core.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backpack admin API with and without its key. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("adminapi");
  }

  @ArquillianResource URL base;

  @Test
  void everyAdminRouteNeedsTheKeyAndAWrongKeyLooksLikeNone() {
    Api anonymous = new Api(base);
    Api user = anonymous.newUser("plain-" + UUID.randomUUID() + "@example.com");
    List<String> routes = List.of("/api/admin/users", "/api/admin/stats", "/api/admin/collections", "/api/admin/users/" + "a".repeat(24));
    for (String route : routes) {
      JsonObject none = anonymous.get(route).problem(401);
      JsonObject wrong = anonymous.get(route, "X-Backpack-Admin-Key", Deployments.ADMIN_KEY + "x").problem(401);
      JsonObject asUser = user.get(route).problem(401);
      assertEquals(none, wrong);
      assertEquals(none, asUser);
    }
    anonymous.delete("/api/admin/users/" + "a".repeat(24)).problem(401);
    anonymous.post("/api/admin/collections", "{\"name\":\"nope\"}").problem(401);
  }

  @Test
  void usersCanBeListedDeletedAndGivenNewPasswords() {
    Api admin = new Api(base).asAdmin();
    String email = "managed-" + UUID.randomUUID() + "@example.com";
    Reply registered = new Api(base).post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"first password\"}");
    String id = registered.json().getJsonObject("user").getString("id");
    Api user = new Api(base).withToken(registered.json().getString("token"));

    JsonObject got = admin.get("/api/admin/users/" + id).json();
    assertEquals(email, got.getString("email"));
    assertFalse(admin.get("/api/admin/users/" + id).body().contains("pbkdf2"));
    List<String> emails = admin.get("/api/admin/users?limit=1000").json().getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getString("email")).toList();
    assertTrue(emails.contains(email));

    assertEquals(204, admin.put("/api/admin/users/" + id + "/password", "{\"password\":\"second password\"}").status());
    user.get("/api/auth/me").problem(401);
    new Api(base).post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"first password\"}").problem(401);
    Reply login = new Api(base).post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"second password\"}");
    assertEquals(200, login.status());
    admin.put("/api/admin/users/" + id + "/password", "{\"password\":\"short\"}").problem(400);

    Api again = new Api(base).withToken(login.json().getString("token"));
    assertEquals(204, admin.delete("/api/admin/users/" + id).status());
    again.get("/api/auth/me").problem(401);
    admin.get("/api/admin/users/" + id).problem(404);
    admin.delete("/api/admin/users/" + id).problem(404);
  }

  @Test
  void collectionsRecordsAndStats() {
    Api admin = new Api(base).asAdmin();
    Api user = new Api(base).newUser("owner-" + UUID.randomUUID() + "@example.com");
    Reply made = admin.post("/api/admin/collections", "{\"name\":\"locked\",\"rules\":{\"list\":\"admin\",\"read\":\"admin\",\"create\":\"signedIn\"}}");
    assertEquals(201, made.status(), made::body);
    String id = user.post("/api/collections/locked/records", "{\"secret\":1}").json().getString("id");
    user.get("/api/collections/locked/records").problem(403);

    JsonObject page = admin.get("/api/admin/collections/locked/records?count=true").json();
    assertEquals(1, page.getInt("total"));
    assertEquals(id, page.getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals(2, admin.patch("/api/admin/collections/locked/records/" + id, "{\"secret\":2}").json().getInt("secret"));

    Reply rules = admin.patch("/api/admin/collections/locked", "{\"rules\":{\"read\":\"owner\"}}");
    assertEquals("owner", rules.json().getJsonObject("rules").getString("read"));
    assertEquals(2, user.get("/api/collections/locked/records/" + id).json().getInt("secret"));

    JsonObject stats = admin.get("/api/admin/stats").json();
    assertTrue(stats.getInt("users") >= 1);
    assertTrue(stats.getInt("records") >= 1);
    assertTrue(stats.getJsonArray("collections").stream().anyMatch(c -> c.asJsonObject().getString("name").equals("locked")
        && c.asJsonObject().getInt("records") == 1));
    assertTrue(stats.containsKey("storage"));
    assertFalse(stats.toString().contains(Deployments.ADMIN_KEY), "the key never appears in a response");

    assertEquals(204, admin.delete("/api/admin/collections/locked/records/" + id).status());
    assertEquals(204, admin.delete("/api/admin/collections/locked").status());
    admin.get("/api/collections/locked").problem(404);
  }
}
