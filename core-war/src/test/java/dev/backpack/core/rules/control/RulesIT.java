package dev.backpack.core.rules.control;

import static dev.backpack.core.testing.Api.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every rule value for every action and every kind of caller, over real HTTP: a table of
 * (rule, caller, action) → status, plus the owner-scoped list that a client filter cannot widen.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RulesIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("rules");
  }

  @ArquillianResource URL base;

  /** The status each caller gets for each action under one rule: anonymous, bob (not owner), alice (owner), admin. */
  record Row(String rule, String action, int anonymous, int bob, int alice, int admin) {}

  static final List<Row> TABLE = List.of(
      new Row("public", "list", 200, 200, 200, 200),
      new Row("public", "read", 200, 200, 200, 200),
      new Row("public", "create", 201, 201, 201, 201),
      new Row("public", "update", 200, 200, 200, 200),
      new Row("public", "delete", 204, 204, 204, 204),
      new Row("signedIn", "list", 401, 200, 200, 200),
      new Row("signedIn", "read", 401, 200, 200, 200),
      new Row("signedIn", "create", 401, 201, 201, 201),
      new Row("signedIn", "update", 401, 200, 200, 200),
      new Row("signedIn", "delete", 401, 204, 204, 204),
      new Row("owner", "list", 401, 200, 200, 200),
      new Row("owner", "read", 401, 403, 200, 200),
      new Row("owner", "create", 401, 201, 201, 201),
      new Row("owner", "update", 401, 403, 200, 200),
      new Row("owner", "delete", 401, 403, 204, 204),
      new Row("admin", "list", 401, 403, 403, 200),
      new Row("admin", "read", 401, 403, 403, 200),
      new Row("admin", "create", 401, 403, 403, 201),
      new Row("admin", "update", 401, 403, 403, 200),
      new Row("admin", "delete", 401, 403, 403, 204));

  @Test
  void everyRuleForEveryCaller() {
    Api anonymous = new Api(base);
    Api admin = anonymous.asAdmin();
    Api alice = anonymous.newUser("alice-" + UUID.randomUUID() + "@example.com");
    Api bob = anonymous.newUser("bob-" + UUID.randomUUID() + "@example.com");
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (Row row : TABLE) {
      Api[] callers = {anonymous, bob, alice, admin};
      int[] expected = {row.anonymous(), row.bob(), row.alice(), row.admin()};
      String[] names = {"anonymous", "bob", "alice", "admin"};
      for (int c = 0; c < callers.length; c++) {
        String collection = "c" + (n++);
        Reply made = admin.post("/api/collections", "{\"name\":\"" + collection + "\",\"rules\":{\"" + row.action() + "\":\"" + row.rule() + "\"}}");
        assertEquals(201, made.status(), made::body);
        // alice's record, created while "create" is open to her
        String id = seed(admin, alice, collection);
        String records = "/api/collections/" + collection + "/records";
        Reply reply = switch (row.action()) {
          case "list" -> callers[c].get(records);
          case "read" -> callers[c].get(records + "/" + id);
          case "create" -> callers[c].post(records, "{\"by\":\"" + names[c] + "\"}");
          case "update" -> callers[c].patch(records + "/" + id, "{\"changed\":true}");
          default -> callers[c].delete(records + "/" + id);
        };
        if (reply.status() != expected[c]) {
          failures.add(row + " " + names[c] + ": " + reply.status() + " " + reply.body());
        } else if (expected[c] >= 400) {
          reply.problem(expected[c]);
        }
        if (row.action().equals("list") && reply.status() == 200) {
          int visible = reply.json().getJsonArray("items").size();
          int expectedVisible = row.rule().equals("owner") && names[c].equals("bob") ? 0 : 1;
          if (visible != expectedVisible) {
            failures.add(row + " " + names[c] + " sees " + visible + " records");
          }
        }
        if (row.action().equals("create") && reply.status() == 201) {
          JsonObject created = reply.json();
          boolean ownerIsCaller = names[c].equals("alice") || names[c].equals("bob")
              ? !Api.isNull(created, "owner") : Api.isNull(created, "owner");
          if (!ownerIsCaller) {
            failures.add(row + " " + names[c] + ": owner " + created.get("owner"));
          }
        }
        if (expected[c] >= 400 && !row.action().equals("list") && !row.action().equals("read")) {
          // a refused write changed nothing
          Reply seeded = admin.get(records + "/" + id);
          if (seeded.status() != 200 || seeded.json().containsKey("changed")) {
            failures.add(row + " " + names[c] + ": refused write changed the record: " + seeded.body());
          }
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  /** Creates alice's record; the admin opens "create" for the moment if the rule under test closes it. */
  static String seed(Api admin, Api alice, String collection) {
    JsonObject rules = admin.get("/api/collections/" + collection).json().getJsonObject("rules");
    admin.patch("/api/collections/" + collection, "{\"rules\":{\"create\":\"signedIn\"}}");
    Reply created = alice.post("/api/collections/" + collection + "/records", "{\"mine\":true}");
    assertEquals(201, created.status(), created::body);
    admin.patch("/api/collections/" + collection, "{\"rules\":" + rules + "}");
    return created.json().getString("id");
  }

  @Test
  void anOwnerListCannotBeWidenedByTheClientFilter() {
    Api admin = new Api(base).asAdmin();
    Api alice = new Api(base).newUser("alice2-" + UUID.randomUUID() + "@example.com");
    Api bob = new Api(base).newUser("bob2-" + UUID.randomUUID() + "@example.com");
    admin.post("/api/collections", "{\"name\":\"diary\",\"rules\":{\"list\":\"owner\",\"read\":\"owner\"}}");
    String aliceId = alice.userId();
    alice.post("/api/collections/diary/records", "{\"text\":\"alice's secret\"}");
    bob.post("/api/collections/diary/records", "{\"text\":\"bob's note\"}");
    String[] filters = {
      "{}",
      "{\"owner\":\"" + aliceId + "\"}",
      "{\"$or\":[{\"owner\":\"" + aliceId + "\"},{\"text\":{\"$exists\":true}}]}",
      "{\"$not\":{\"owner\":\"nobody\"}}",
    };
    for (String filter : filters) {
      List<JsonObject> seen = bob.all("diary", "filter=" + enc(filter));
      assertTrue(seen.stream().allMatch(r -> r.getString("text").equals("bob's note")), filter + " → " + seen);
    }
    assertEquals(2, admin.all("diary", "").size(), "the admin key sees all");
  }
}
