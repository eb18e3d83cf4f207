package dev.backpack.core.realtime.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the changes of one record in commit order. Every write raises a record's version and a
 * delete ends it, so a change whose version is not above the last one let through is stale: it
 * was overtaken (two writers on one replica, or two replicas publishing to Redis) and dropped. A
 * subscriber may thus skip an intermediate version but never sees an older one after a newer.
 *
 * <p>Remembers the last {@code capacity} records (least recently changed forgotten first): a
 * change arriving after that many others were dispatched is let through.
 */
final class VersionGate {

  private final Map<String, Integer> last;

  VersionGate(int capacity) {
    this.last =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether a change passes: its version is newer than any seen; a delete ends the record. */
  synchronized boolean pass(String collection, String recordId, int version, boolean delete) {
    String key = collection + '/' + recordId;
    int effective = delete ? Integer.MAX_VALUE : version;
    Integer seen = last.get(key);
    if (seen != null && effective <= seen) {
      return false;
    }
    last.put(key, effective);
    return true;
  }
}
