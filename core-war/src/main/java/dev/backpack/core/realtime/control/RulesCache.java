package dev.backpack.core.realtime.control;

import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of each collection for checking changes against subscribers, read from the database
 * at most once per {@code backpack.realtime.rules-cache-millis} (1 s) per collection and replica:
 * a rules change reaches every subscriber within that time, on every replica. While the database
 * cannot be read, the last rules known are used.
 */
@ApplicationScoped
public class RulesCache {

  private record Entry(Rules rules, long expires) {}

  @Inject CollectionStore collections;
  @Inject RealtimeSettings settings;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The rules now; empty when the collection's rules cannot be known (database down, no cache). */
  public Optional<Rules> of(String collection) {
    long now = System.nanoTime();
    Entry entry = entries.get(collection);
    if (entry != null && now - entry.expires() < 0) {
      return Optional.of(entry.rules());
    }
    try {
      Rules rules = collections.find(collection).map(CollectionInfo::rules).orElse(Rules.DEFAULT);
      entries.put(collection, new Entry(rules, now + settings.rulesCacheMillis() * 1_000_000));
      return Optional.of(rules);
    } catch (RuntimeException e) {
      return entry == null ? Optional.empty() : Optional.of(entry.rules());
    }
  }
}
