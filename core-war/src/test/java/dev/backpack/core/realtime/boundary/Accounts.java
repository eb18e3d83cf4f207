package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backpack.core.testing.Api;
import jakarta.json.JsonObject;
import java.util.UUID;

/** A registered user of a backpack under test: a REST client, the session token, the user id. */
record Accounts(Api api, String token, String userId) {

  static Accounts register(Api anonymous) {
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Api.Reply reply =
        anonymous.post(
            "/api/auth/register",
            "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
    assertEquals(201, reply.status(), reply::body);
    JsonObject json = reply.json();
    String token = json.getString("token");
    return new Accounts(anonymous.withToken(token), token, json.getJsonObject("user").getString("id"));
  }

  /** Creates a record through REST; returns it. */
  JsonObject create(String collection, String json) {
    Api.Reply reply = api.post("/api/collections/" + collection + "/records", json);
    assertEquals(201, reply.status(), reply::body);
    return reply.json();
  }
}
