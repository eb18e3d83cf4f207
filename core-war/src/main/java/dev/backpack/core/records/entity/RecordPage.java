package dev.backpack.core.records.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One page of a list: {@code {items, next, total?}}. */
public record RecordPage(List<StoredRecord> items, String next, Long total) {

  public Map<String, Object> toJsonMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", items.stream().map(StoredRecord::toJsonMap).toList());
    json.put("next", next);
    if (total != null) {
      json.put("total", total);
    }
    return json;
  }
}
