package dev.backpack.core.engine;

import dev.backpack.core.auth.entity.User;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.StoredRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Where one backpack keeps its data: collections with their rules, records, users and file
 * metadata. The features call this and keep their rules (access, validation, events); an engine
 * keeps only the storage ({@code postgres}: SQL over the backpack's own schema; {@code mongodb}:
 * driver calls on the backpack's own database). Both give the same answers to the same calls.
 *
 * <p>Failures: {@link Duplicate} for a unique value taken, {@link Unavailable} when the database
 * does not answer, {@link QueryTooSlow} when a query ran past its time limit.
 */
public interface Engine extends AutoCloseable {

  /** {@code postgres} or {@code mongodb}. */
  String id();

  /** Closes the engine's pool or client: no thread or socket of it is left. */
  @Override
  void close();

  /** Throws {@link Unavailable} unless the database answers. */
  void ping();

  /** Bytes the database uses for this backpack, or {@code null} where it cannot tell. */
  Long databaseBytes();

  // collections

  /** Every collection, by name. */
  List<CollectionInfo> collections();

  Optional<CollectionInfo> collection(String name);

  /** @throws Duplicate when a collection of this name, ignoring case, exists */
  void insertCollection(CollectionInfo collection);

  /** The collection with its new rules, or empty when it does not exist. */
  Optional<CollectionInfo> updateRules(String name, Rules rules);

  /** Deletes the collection with all its records, at once. */
  void dropCollection(String name);

  // records

  /**
   * One page of records.
   *
   * @param collection the collection
   * @param where a query as {@link dev.backpack.core.records.control.RecordFilter#translate}
   *     makes it (stored paths: {@code _id}, {@code owner}, {@code createdAt}, {@code updatedAt},
   *     {@code data.…}), possibly inside {@code $and} with a rule's scope; empty for all
   * @param sorting the order
   * @param after the sort key of the record the page starts after, or {@code null}
   * @param limit at most this many records
   * @param timeoutMillis the query's time limit
   */
  List<StoredRecord> records(
      String collection,
      Document where,
      Sorting sorting,
      List<Object> after,
      int limit,
      long timeoutMillis);

  long countRecords(String collection, Document where, long timeoutMillis);

  Optional<StoredRecord> record(String collection, String id);

  void insertRecord(String collection, StoredRecord record);

  /** Replaces the record if it is still at {@code expectedVersion}; false otherwise. */
  boolean replaceRecord(String collection, StoredRecord next, int expectedVersion);

  /**
   * Deletes the record if it is at {@code expectedVersion} (any version when negative); false when
   * nothing was deleted.
   */
  boolean deleteRecord(String collection, String id, int expectedVersion);

  // users

  /** @throws Duplicate when the email, ignoring case, is taken */
  void insertUser(User user);

  Optional<User> user(String id);

  /** The user of this email, ignoring case. */
  Optional<User> userByEmail(String email);

  /** Users by id, after {@code afterId} (null: from the first). */
  List<User> users(String afterId, int limit);

  long countUsers();

  boolean setPasswordHash(String id, String hash);

  boolean deleteUser(String id);

  // file metadata

  void insertFile(StoredFile file);

  Optional<StoredFile> file(String id);

  /** Newest first (ids descending), ids below {@code beforeId} (null: from the newest). */
  List<StoredFile> files(String owner, String beforeId, int limit);

  /** Every file of one owner. */
  List<StoredFile> filesOf(String owner);

  /** How many files and bytes the metadata counts. */
  FileUsage fileUsage();

  /** Every file's id with its name (for the start-up clean-up). */
  Map<String, String> fileNames();

  boolean deleteFile(String id);

  /** Counts of the file metadata. */
  record FileUsage(long files, long bytes) {}

  /** A unique value (collection name, email) is taken. */
  final class Duplicate extends RuntimeException {
    public Duplicate(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The database does not answer: retry later. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A query ran past its time limit. */
  final class QueryTooSlow extends RuntimeException {
    public QueryTooSlow(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
