package dev.backpack.core.collections.entity;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Who may do what in one collection: for each action ({@code list, read, create, update,
 * delete}) one of {@code public}, {@code signedIn}, {@code owner}, {@code admin}. Rules are data:
 * stored with the collection, evaluated by one control for REST, realtime and admin alike.
 */
public record Rules(String list, String read, String create, String update, String delete) {

  public static final Set<String> VALUES = Set.of("public", "signedIn", "owner", "admin");
  public static final Set<String> ACTIONS = Set.of("list", "read", "create", "update", "delete");
  public static final Rules DEFAULT = new Rules("signedIn", "signedIn", "signedIn", "owner", "owner");

  public String of(String action) {
    return switch (action) {
      case "list" -> list;
      case "read" -> read;
      case "create" -> create;
      case "update" -> update;
      case "delete" -> delete;
      default -> throw new IllegalArgumentException(action);
    };
  }

  /** These rules with the actions named in {@code changes} replaced; validates every entry. */
  public Rules with(Object changes) {
    if (changes == null) {
      return this;
    }
    if (!(changes instanceof Map<?, ?> map)) {
      throw ProblemException.invalid("rules", "must be an object");
    }
    Map<String, String> merged = new LinkedHashMap<>(asMap());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String action = String.valueOf(entry.getKey());
      if (!ACTIONS.contains(action)) {
        throw ProblemException.invalid(
            "rules." + action, "unknown action; use list, read, create, update or delete");
      }
      if (!(entry.getValue() instanceof String value) || !VALUES.contains(value)) {
        throw ProblemException.invalid(
            "rules." + action, "must be one of \"public\", \"signedIn\", \"owner\", \"admin\"");
      }
      merged.put(action, value);
    }
    return fromMap(merged);
  }

  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("list", list);
    map.put("read", read);
    map.put("create", create);
    map.put("update", update);
    map.put("delete", delete);
    return map;
  }

  public Document toDocument() {
    return new Document(Map.copyOf(asMap()));
  }

  public static Rules fromDocument(Document stored) {
    if (stored == null) {
      return DEFAULT;
    }
    Map<String, String> map = new LinkedHashMap<>(DEFAULT.asMap());
    stored.forEach((k, v) -> map.put(k, String.valueOf(v)));
    return fromMap(map);
  }

  private static Rules fromMap(Map<String, String> map) {
    return new Rules(
        map.get("list"), map.get("read"), map.get("create"), map.get("update"), map.get("delete"));
  }
}
