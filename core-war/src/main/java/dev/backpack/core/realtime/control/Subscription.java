package dev.backpack.core.realtime.control;

import dev.backpack.core.records.control.RecordMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One record subscription of one socket. With a snapshot, changes that arrive before the snapshot
 * is sent wait here (bounded), and those the snapshot already contains are dropped then, so the
 * client sees the snapshot first and every later change exactly once.
 */
final class Subscription {

  private record Waiting(String recordId, int version, boolean delete, String frame) {}

  final String id;
  final Connection connection;
  final String collection;
  final RecordMatcher matcher;
  private final int maxWaiting;
  private List<Waiting> waiting;
  private volatile boolean active = true;

  Subscription(
      String id,
      Connection connection,
      String collection,
      RecordMatcher matcher,
      boolean snapshot,
      int maxWaiting) {
    this.id = id;
    this.connection = connection;
    this.collection = collection;
    this.matcher = matcher;
    this.maxWaiting = maxWaiting;
    this.waiting = snapshot ? new ArrayList<>() : null;
  }

  /** Sends a change now, or keeps it until the snapshot went out; false when the socket is full. */
  synchronized boolean deliver(String recordId, int version, boolean delete, String frame) {
    if (!active) {
      return true;
    }
    if (waiting != null) {
      if (waiting.size() >= maxWaiting) {
        return false;
      }
      waiting.add(new Waiting(recordId, version, delete, frame));
      return true;
    }
    return connection.send(frame);
  }

  /**
   * Sends the acknowledgement and the snapshot, then the changes that waited, minus those at or
   * below the version the snapshot holds of their record.
   */
  synchronized void snapshotReady(String ack, String snapshot, Map<String, Integer> versions) {
    if (!active) {
      return;
    }
    connection.send(ack);
    connection.send(snapshot);
    for (Waiting change : waiting) {
      Integer seen = versions.get(change.recordId());
      if (!change.delete() && seen != null && seen >= change.version()) {
        continue;
      }
      connection.send(change.frame());
    }
    waiting = null;
  }

  void end() {
    active = false;
  }

  boolean active() {
    return active;
  }
}
