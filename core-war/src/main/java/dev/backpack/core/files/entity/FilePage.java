package dev.backpack.core.files.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One page of a file list: {@code {items, next}}; {@code next} is null on the last page. */
public record FilePage(List<StoredFile> items, String next) {

  public Map<String, Object> toJsonMap(String apiPath) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", items.stream().map(f -> f.toJsonMap(apiPath)).toList());
    json.put("next", next);
    return json;
  }
}
