package dev.backpack.core.records.boundary;

import static dev.backpack.core.testing.Api.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records over real HTTP on a real Payara Micro: what every engine must answer alike. {@link
 * RecordsIT} runs it on the {@code postgres} engine, {@link RecordsMongoIT} on the {@code mongodb}
 * engine.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class RecordsContract {

  @ArquillianResource URL base;
  Api api;
  String me;

  @BeforeEach
  void signIn() {
    api = new Api(base).newUser("records-" + java.util.UUID.randomUUID() + "@example.com");
    me = api.userId();
  }

  JsonObject create(String collection, String json) {
    Reply reply = api.post("/api/collections/" + collection + "/records", json);
    assertEquals(201, reply.status(), reply::body);
    return reply.json();
  }

  @Test
  void createReadReplaceMergeDelete() {
    Reply created = api.post("/api/collections/notes/records", "{\"title\":\"hi\",\"n\":1,\"tags\":[\"a\",\"b\"],\"meta\":{\"x\":true}}");
    assertEquals(201, created.status(), created::body);
    JsonObject record = created.json();
    String id = record.getString("id");
    assertEquals(24, id.length());
    assertEquals("hi", record.getString("title"));
    assertEquals(1, record.getInt("n"));
    assertEquals(me, record.getString("owner"), "the creator owns the record");
    Instant createdAt = Instant.parse(record.getString("createdAt"));
    assertEquals(createdAt, Instant.parse(record.getString("updatedAt")));
    assertTrue(created.header("Location").endsWith("/api/collections/notes/records/" + id));
    String etag = created.header("ETag");
    assertNotNull(etag);

    Reply read = api.get("/api/collections/notes/records/" + id);
    assertEquals(200, read.status());
    assertEquals(record, read.json());
    assertEquals(etag, read.header("ETag"));
    assertEquals(304, api.get("/api/collections/notes/records/" + id, "If-None-Match", etag).status());

    Reply replaced = api.put("/api/collections/notes/records/" + id, "{\"title\":\"replaced\"}", "If-Match", etag);
    assertEquals(200, replaced.status(), replaced::body);
    assertEquals("replaced", replaced.json().getString("title"));
    assertFalse(replaced.json().containsKey("n"), "PUT replaces all client fields");
    assertEquals(record.getString("createdAt"), replaced.json().getString("createdAt"));
    assertNotEquals(etag, replaced.header("ETag"));
    api.put("/api/collections/notes/records/" + id, "{\"title\":\"stale\"}", "If-Match", etag).problem(412);
    assertEquals("replaced", api.get("/api/collections/notes/records/" + id).json().getString("title"));

    Reply merged = api.patch("/api/collections/notes/records/" + id, "{\"n\":2,\"title\":null,\"meta\":{\"y\":1}}");
    assertEquals(200, merged.status(), merged::body);
    JsonObject after = merged.json();
    assertEquals(2, after.getInt("n"));
    assertFalse(after.containsKey("title"), "null removes a field");
    assertEquals(1, after.getJsonObject("meta").getInt("y"));

    assertEquals(204, api.delete("/api/collections/notes/records/" + id).status());
    api.get("/api/collections/notes/records/" + id).problem(404);
    api.delete("/api/collections/notes/records/" + id).problem(404);
  }

  @Test
  void serverFieldsCannotBeSetByClients() {
    JsonObject record = create("forged", "{\"id\":\"x\",\"owner\":\"someone\",\"createdAt\":\"2000-01-01T00:00:00Z\",\"text\":\"t\"}");
    assertNotEquals("x", record.getString("id"));
    assertEquals(me, record.getString("owner"));
    assertNotEquals("2000-01-01T00:00:00Z", record.getString("createdAt"));
    String id = record.getString("id");
    JsonObject patched = api.patch("/api/collections/forged/records/" + id, "{\"owner\":\"me\",\"id\":\"y\"}").json();
    assertEquals(id, patched.getString("id"));
    assertEquals(me, patched.getString("owner"));
    JsonObject put = api.put("/api/collections/forged/records/" + id, "{\"owner\":\"me\",\"text\":\"u\"}").json();
    assertEquals(me, put.getString("owner"));
    assertEquals("u", put.getString("text"));
  }

  @Test
  void filtersMatchExactlyTheRightRecords() {
    String c = "people";
    create(c, "{\"name\":\"ann\",\"age\":31,\"city\":\"Oslo\",\"tags\":[\"a\"]}");
    create(c, "{\"name\":\"bob\",\"age\":25,\"city\":\"Rome\"}");
    create(c, "{\"name\":\"cid\",\"age\":40,\"address\":{\"city\":\"Bergen\"}}");
    create(c, "{\"name\":\"dee\",\"age\":25.5,\"city\":null}");
    String[][] cases = {
      {"{\"name\":\"ann\"}", "ann"},
      {"{\"name\":{\"$eq\":\"bob\"}}", "bob"},
      {"{\"name\":{\"$ne\":\"bob\"}}", "ann,cid,dee"},
      {"{\"age\":{\"$gt\":25}}", "ann,cid,dee"},
      {"{\"age\":{\"$gte\":25,\"$lt\":40}}", "ann,bob,dee"},
      {"{\"age\":{\"$lte\":25}}", "bob"},
      {"{\"name\":{\"$in\":[\"ann\",\"cid\",\"zed\"]}}", "ann,cid"},
      {"{\"name\":{\"$nin\":[\"ann\",\"cid\"]}}", "bob,dee"},
      {"{\"city\":{\"$exists\":true}}", "ann,bob,dee"},
      {"{\"tags\":{\"$exists\":false}}", "bob,cid,dee"},
      {"{\"address.city\":\"Bergen\"}", "cid"},
      {"{\"name\":{\"$regex\":\"^[ab]\"}}", "ann,bob"},
      {"{\"name\":{\"$regex\":\"^A\",\"$options\":\"i\"}}", "ann"},
      {"{\"age\":{\"$not\":{\"$gt\":30}}}", "bob,dee"},
      {"{\"$or\":[{\"name\":\"ann\"},{\"age\":40}]}", "ann,cid"},
      {"{\"$and\":[{\"age\":{\"$gt\":20}},{\"age\":{\"$lt\":30}}]}", "bob,dee"},
      {"{\"$not\":{\"name\":{\"$in\":[\"ann\",\"bob\"]}}}", "cid,dee"},
      {"{\"tags\":\"a\"}", "ann"},
      {"{}", "ann,bob,cid,dee"},
    };
    for (String[] row : cases) {
      List<String> names = new ArrayList<>();
      api.all(c, "sort=name&filter=" + enc(row[0])).forEach(r -> names.add(r.getString("name")));
      assertEquals(row[1], String.join(",", names), "filter " + row[0]);
    }
    Reply counted = api.get("/api/collections/" + c + "/records?count=true&limit=1&filter=" + enc("{\"age\":{\"$gte\":25}}"));
    assertEquals(4, counted.json().getInt("total"));
    assertEquals(1, counted.json().getJsonArray("items").size());
    assertFalse(counted.json().isNull("next"));
  }

  @Test
  void paginationVisitsEveryRecordOnceInOrder() {
    String c = "pages";
    for (int i = 0; i < 23; i++) {
      create(c, "{\"i\":" + i + ",\"group\":" + (i % 3) + (i % 5 == 0 ? "" : ",\"opt\":" + (i % 4)) + "}");
    }
    List<JsonObject> newestFirst = api.all(c, "limit=5");
    assertEquals(23, newestFirst.size());
    for (int i = 0; i < 23; i++) {
      assertEquals(22 - i, newestFirst.get(i).getInt("i"), "default sort is -createdAt");
    }
    List<JsonObject> byGroup = api.all(c, "limit=4&sort=" + enc("group,-i"));
    assertEquals(23, byGroup.size());
    for (int k = 1; k < byGroup.size(); k++) {
      JsonObject prev = byGroup.get(k - 1);
      JsonObject cur = byGroup.get(k);
      assertTrue(prev.getInt("group") < cur.getInt("group")
          || (prev.getInt("group") == cur.getInt("group") && prev.getInt("i") > cur.getInt("i")));
    }
    // a sort field that some records lack: missing sorts first ascending, last descending
    for (String sort : new String[] {"opt,i", "-opt,i"}) {
      List<JsonObject> all = api.all(c, "limit=3&sort=" + enc(sort));
      Set<Integer> seen = new HashSet<>();
      all.forEach(r -> seen.add(r.getInt("i")));
      assertEquals(23, seen.size(), "every record once with sort " + sort);
    }
    Reply first = api.get("/api/collections/" + c + "/records?limit=1000");
    assertTrue(first.json().isNull("next"));
    api.get("/api/collections/" + c + "/records?limit=2&sort=i&after=" + enc(api.get("/api/collections/" + c + "/records?limit=2").json().getString("next"))).problem(400);
  }

  @Test
  void collectionsAreCreatedExplicitlyOrOnFirstWrite() {
    Reply created = api.post("/api/collections", "{\"name\":\"Todos\",\"rules\":{\"list\":\"public\"}}");
    assertEquals(201, created.status(), created::body);
    assertEquals("public", created.json().getJsonObject("rules").getString("list"));
    assertEquals("owner", created.json().getJsonObject("rules").getString("update"));
    api.post("/api/collections", "{\"name\":\"Todos\"}").problem(409);
    api.post("/api/collections", "{\"name\":\"todos\"}").problem(409);
    assertEquals("Todos", api.get("/api/collections/Todos").json().getString("name"));
    api.get("/api/collections/implicit").problem(404);
    api.get("/api/collections/implicit/records").problem(404);
    create("implicit", "{\"a\":1}");
    JsonObject implicit = api.get("/api/collections/implicit").json();
    assertEquals("signedIn", implicit.getJsonObject("rules").getString("read"));
    assertTrue(api.get("/api/collections").jsonArray().stream()
        .anyMatch(v -> v.asJsonObject().getString("name").equals("implicit")));

    String key = Deployments.ADMIN_KEY;
    api.patch("/api/collections/Todos", "{\"rules\":{\"read\":\"public\"}}").problem(401);
    api.patch("/api/collections/Todos", "{\"rules\":{\"read\":\"public\"}}", "X-Backpack-Admin-Key", "wrong").problem(401);
    Reply patched = api.patch("/api/collections/Todos", "{\"rules\":{\"read\":\"public\"}}", "X-Backpack-Admin-Key", key);
    assertEquals(200, patched.status(), patched::body);
    assertEquals("public", patched.json().getJsonObject("rules").getString("read"));
    assertEquals("public", patched.json().getJsonObject("rules").getString("list"));
    api.patch("/api/collections/Todos", "{\"rules\":{\"read\":\"everyone\"}}", "X-Backpack-Admin-Key", key).problem(400);

    api.delete("/api/collections/implicit").problem(401);
    assertEquals(204, api.delete("/api/collections/implicit", "X-Backpack-Admin-Key", key).status());
    api.get("/api/collections/implicit").problem(404);
    create("implicit", "{\"b\":1}");
    assertEquals(1, api.all("implicit", "").size(), "deleting a collection deletes its records");
  }

  @Test
  void healthAndOpenApi() {
    Reply health = new Api(base).get("/api/health");
    assertEquals(200, health.status());
    assertEquals("UP", health.json().getString("status"));
    Reply openapi = api.get("/api/openapi");
    assertEquals(200, openapi.status());
    assertTrue(openapi.body().startsWith("openapi: 3.1.0"));
    assertTrue(openapi.body().contains("url: " + api.base()), openapi.body().substring(0, 400));
    assertTrue(openapi.body().contains("/api/collections/{name}/records/{id}:"));
  }
}
