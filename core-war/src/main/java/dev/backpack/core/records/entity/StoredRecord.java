package dev.backpack.core.records.entity;

import dev.backpack.core.json.control.JsonWriter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * A record as stored: server fields at the top ({@code _id, owner, createdAt, updatedAt} and the
 * version {@code v} behind the ETag), the client's JSON object under {@code data}.
 */
public record StoredRecord(
    String id, String owner, Date createdAt, Date updatedAt, int version, Document data) {

  public static StoredRecord fromDocument(Document stored) {
    return new StoredRecord(
        stored.getString("_id"),
        stored.getString("owner"),
        stored.getDate("createdAt"),
        stored.getDate("updatedAt"),
        stored.getInteger("v", 1),
        stored.get("data", Document.class));
  }

  public Document toDocument() {
    return new Document("_id", id)
        .append("owner", owner)
        .append("createdAt", createdAt)
        .append("updatedAt", updatedAt)
        .append("v", version)
        .append("data", data);
  }

  /** The strong ETag of this version. */
  public String etag() {
    return "\"" + id + "-" + version + "\"";
  }

  /** The record as clients see it: their fields plus {@code id, owner, createdAt, updatedAt}. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    data.forEach(json::put);
    json.put("owner", owner);
    json.put("createdAt", JsonWriter.iso(createdAt));
    json.put("updatedAt", JsonWriter.iso(updatedAt));
    return json;
  }
}
