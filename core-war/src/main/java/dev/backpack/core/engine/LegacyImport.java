package dev.backpack.core.engine;

import dev.backpack.core.auth.entity.User;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.engine.postgres.PostgresEngine;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.StoredRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * Copies a backpack's data from the MongoDB store of an earlier release into its PostgreSQL
 * schema, once: every collection with its rules, every record as it was (ids, owners, times,
 * versions), users with their password hashes, file metadata. It runs before the backpack serves
 * requests; a copy that broke off (a crash, a failure) leaves no import row, so the next start
 * empties the tables and copies again. The counts of both sides are compared before the import
 * counts as done.
 */
public final class LegacyImport {

  static final int PAGE = 1000;
  private static final Logger LOG = Logger.getLogger(LegacyImport.class.getName());

  private LegacyImport() {}

  /**
   * Imports {@code source} into {@code target} unless done before.
   *
   * @param name the source's name in the import table (e.g. {@code mongodb:bp_shop})
   * @return the counts copied, or empty when the import was done before
   * @throws IllegalStateException when the counts do not agree afterwards
   */
  public static Map<String, Long> run(Engine source, PostgresEngine target, String name) {
    if (target.imported(name)) {
      return Map.of();
    }
    long started = System.nanoTime();
    LOG.info("import: copying " + name + " into the backpack's PostgreSQL schema");
    target.emptyForImport();
    Map<String, Long> copied = new LinkedHashMap<>();
    List<CollectionInfo> collections = source.collections();
    long records = 0;
    for (CollectionInfo collection : collections) {
      target.insertCollection(collection);
      records += copyRecords(source, target, collection.name());
    }
    copied.put("collections", (long) collections.size());
    copied.put("records", records);
    copied.put("users", copyUsers(source, target));
    copied.put("files", copyFiles(source, target));
    Map<String, Long> expected = counts(source);
    Map<String, Long> found = counts(target);
    if (!expected.equals(found) || !expected.equals(copied)) {
      throw new IllegalStateException(
          "import of " + name + " incomplete: the source has " + expected + ", the schema " + found + " (copied " + copied + ")");
    }
    target.markImported(name, copied);
    LOG.info(
        "import: "
            + name
            + " copied and checked in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms: "
            + copied);
    return copied;
  }

  private static long copyRecords(Engine source, PostgresEngine target, String collection) {
    Sorting byId = Sorting.parse("id");
    List<Object> after = null;
    long copied = 0;
    while (true) {
      List<StoredRecord> page = source.records(collection, new Document(), byId, after, PAGE, 60_000);
      if (page.isEmpty()) {
        return copied;
      }
      target.insertRecords(collection, page);
      copied += page.size();
      after = byId.keyOf(page.get(page.size() - 1).toDocument());
    }
  }

  private static long copyUsers(Engine source, PostgresEngine target) {
    String after = null;
    long copied = 0;
    while (true) {
      List<User> page = source.users(after, PAGE);
      if (page.isEmpty()) {
        return copied;
      }
      page.forEach(target::insertUser);
      copied += page.size();
      after = page.get(page.size() - 1).id();
    }
  }

  private static long copyFiles(Engine source, PostgresEngine target) {
    String before = null;
    long copied = 0;
    while (true) {
      List<StoredFile> page = source.files(null, before, PAGE);
      if (page.isEmpty()) {
        return copied;
      }
      page.forEach(target::insertFile);
      copied += page.size();
      before = page.get(page.size() - 1).id();
    }
  }

  static Map<String, Long> counts(Engine engine) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<CollectionInfo> collections = engine.collections();
    counts.put("collections", (long) collections.size());
    long records = 0;
    for (CollectionInfo collection : collections) {
      records += engine.countRecords(collection.name(), new Document(), 60_000);
    }
    counts.put("records", records);
    counts.put("users", engine.countUsers());
    counts.put("files", engine.fileUsage().files());
    return counts;
  }
}
