package dev.backpack.core.files.entity;

import dev.backpack.core.json.control.JsonWriter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The metadata of one stored file, as kept in the backpack's {@code files} collection. The bytes
 * live on disk under {@link #id()}; {@link #name()} is the client's (sanitised) name and never
 * part of a path.
 */
public record StoredFile(
    String id,
    String name,
    long size,
    String contentType,
    String sha256,
    String owner,
    boolean isPublic,
    Date createdAt) {

  public static StoredFile fromDocument(Document stored) {
    Number size = stored.get("size", Number.class);
    return new StoredFile(
        stored.getString("_id"),
        stored.getString("name"),
        size == null ? 0 : size.longValue(),
        stored.getString("contentType"),
        stored.getString("sha256"),
        stored.getString("owner"),
        Boolean.TRUE.equals(stored.getBoolean("public")),
        stored.getDate("createdAt"));
  }

  public Document toDocument() {
    return new Document("_id", id)
        .append("name", name)
        .append("size", size)
        .append("contentType", contentType)
        .append("sha256", sha256)
        .append("owner", owner)
        .append("public", isPublic)
        .append("createdAt", createdAt);
  }

  /** The strong entity tag of the bytes: their SHA-256, quoted. */
  public String etag() {
    return "\"" + sha256 + "\"";
  }

  /**
   * {@code {id, name, size, contentType, sha256, owner, public, createdAt, url}} as clients see
   * it; {@code url} is the download path under {@code apiPath} (e.g. {@code /shop/api/}).
   */
  public Map<String, Object> toJsonMap(String apiPath) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("name", name);
    json.put("size", size);
    json.put("contentType", contentType);
    json.put("sha256", sha256);
    json.put("owner", owner);
    json.put("public", isPublic);
    json.put("createdAt", JsonWriter.iso(createdAt));
    json.put("url", (apiPath.endsWith("/") ? apiPath : apiPath + "/") + "files/" + id);
    return json;
  }
}
