package dev.backpack.core.collections.entity;

import dev.backpack.core.json.control.JsonWriter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** A collection as the API shows it: {@code {name, rules, createdAt}}. */
public record CollectionInfo(String name, Rules rules, Date createdAt) {

  public static CollectionInfo fromDocument(Document stored) {
    return new CollectionInfo(
        stored.getString("_id"),
        Rules.fromDocument(stored.get("rules", Document.class)),
        stored.getDate("createdAt"));
  }

  public Map<String, Object> toJsonMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("rules", rules.asMap());
    map.put("createdAt", JsonWriter.iso(createdAt));
    return map;
  }
}
