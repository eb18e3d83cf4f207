package dev.backpack.core.auth.entity;

import dev.backpack.core.json.control.JsonWriter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** A user of the backpack. The password hash stays in the database; it is never in a response. */
public record User(String id, String email, Date createdAt, String passwordHash) {

  public static User fromDocument(Document stored) {
    return new User(
        stored.getString("_id"),
        stored.getString("email"),
        stored.getDate("createdAt"),
        stored.getString("password"));
  }

  /** {@code {id, email, createdAt}}: what clients see. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("email", email);
    json.put("createdAt", JsonWriter.iso(createdAt));
    return json;
  }
}
