package dev.backpack.core.admin.control;

import dev.backpack.core.auth.control.UserStore;
import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and storage of one backpack: users, records per collection, and bytes — what the engine
 * reports of its database, plus the bytes of stored files from
 * every {@link StorageMeter}.
 */
@ApplicationScoped
public class Stats {

  /** Counting a large collection may take a while; it is not a client's query. */
  static final long COUNT_MILLIS = 60_000;

  /** A feature that stores bytes outside the database (files) reports them here. */
  public interface StorageMeter {
    String name();

    long bytes();
  }

  @Inject UserStore users;
  @Inject CollectionStore collections;
  @Inject Engine engine;
  @Inject Instance<StorageMeter> meters;

  public Map<String, Object> collect() {
    List<Map<String, Object>> perCollection = new ArrayList<>();
    long records = 0;
    for (CollectionInfo info : collections.list()) {
      long count = engine.countRecords(info.name(), new org.bson.Document(), COUNT_MILLIS);
      records += count;
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", info.name());
      one.put("records", count);
      perCollection.add(one);
    }
    Map<String, Object> storage = new LinkedHashMap<>();
    storage.put("databaseBytes", databaseBytes());
    meters.forEach(m -> storage.put(m.name() + "Bytes", m.bytes()));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("users", users.count());
    stats.put("collections", perCollection);
    stats.put("records", records);
    stats.put("storage", storage);
    return stats;
  }

  private Long databaseBytes() {
    return engine.databaseBytes();
  }
}
