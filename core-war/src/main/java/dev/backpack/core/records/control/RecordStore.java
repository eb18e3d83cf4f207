package dev.backpack.core.records.control;

import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.json.control.JsonBodies;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.records.entity.RecordChanged;
import dev.backpack.core.records.entity.RecordPage;
import dev.backpack.core.records.entity.StoredRecord;
import dev.backpack.core.rules.control.RuleEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;

/**
 * Reads and writes the records of a collection. Writes are optimistic: each one names the version
 * it read, so concurrent writers never lose each other's changes silently (If-Match gives 412,
 * otherwise the write is retried on the fresh version).
 */
@ApplicationScoped
public class RecordStore {

  static final Pattern ID = Pattern.compile("[0-9a-f]{24}");
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_LIMIT = 50;
  static final int WRITE_RETRIES = 5;

  @Inject CollectionStore collections;
  @Inject Engine engine;
  @Inject BackpackSettings settings;
  @Inject Event<RecordChanged> changed;

  /** The options of a list call, as parsed from the query string. */
  public record ListQuery(Document filter, Sorting sorting, int limit, String after, boolean count) {

    public static ListQuery parse(
        String filter, String sort, String limit, String after, String count) {
      return new ListQuery(
          RecordFilter.parse(filter),
          Sorting.parse(sort),
          parseLimit(limit),
          after == null || after.isEmpty() ? null : after,
          parseBoolean("count", count));
    }

    private static int parseLimit(String limit) {
      if (limit == null || limit.isEmpty()) {
        return DEFAULT_LIMIT;
      }
      try {
        int value = Integer.parseInt(limit);
        if (value >= 1 && value <= MAX_LIMIT) {
          return value;
        }
      } catch (NumberFormatException e) {
        // the same answer as out of range
      }
      throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static boolean parseBoolean(String name, String value) {
      if (value == null || value.isEmpty() || value.equals("false")) {
        return false;
      }
      if (value.equals("true")) {
        return true;
      }
      throw ProblemException.invalid(name, "must be true or false");
    }
  }

  public RecordPage list(Caller caller, String collection, ListQuery query) {
    CollectionInfo info = collections.require(collection);
    List<Document> conditions = new ArrayList<>();
    RuleEvaluator.listScope(info.rules(), caller).ifPresent(conditions::add);
    if (!query.filter().isEmpty()) {
      conditions.add(query.filter());
    }
    Document where =
        conditions.isEmpty()
            ? new Document()
            : conditions.size() == 1 ? conditions.get(0) : new Document("$and", conditions);
    List<Object> after =
        query.after() == null ? null : Cursors.decode(query.sorting(), query.after());
    List<StoredRecord> page =
        engine.records(
            info.name(), where, query.sorting(), after, query.limit() + 1, settings.queryMillis());
    String next = null;
    if (page.size() > query.limit()) {
      page = page.subList(0, query.limit());
      StoredRecord last = page.get(page.size() - 1);
      next = Cursors.encode(query.sorting(), query.sorting().keyOf(last.toDocument()));
    }
    Long total =
        query.count() ? engine.countRecords(info.name(), where, settings.queryMillis()) : null;
    return new RecordPage(List.copyOf(page), next, total);
  }

  public StoredRecord get(Caller caller, String collection, String id) {
    CollectionInfo info = collections.require(collection);
    StoredRecord record = load(info, id);
    RuleEvaluator.require(info.rules(), "read", caller, record.owner());
    return record;
  }

  private StoredRecord load(CollectionInfo info, String id) {
    return find(info.name(), id)
        .orElseThrow(
            () -> ProblemException.notFound("There is no record " + id + " in " + info.name() + "."));
  }

  /**
   * Creates a record owned by the caller, creating the collection first when that is allowed (a
   * signed-in user while client collections are on, or the admin key).
   */
  public StoredRecord create(Caller caller, String collection, Document data) {
    CollectionInfo info =
        collections.find(collection).orElseGet(() -> {
          caller.requireSignedInOrAdmin();
          return collections.forWrite(collection, caller.admin());
        });
    RuleEvaluator.require(info.rules(), "create", caller, caller.userId());
    Date now = new Date();
    StoredRecord record =
        new StoredRecord(
            new ObjectId().toHexString(), caller.userId(), now, now, 1, clientFields(data));
    requireSize(record.toDocument());
    engine.insertRecord(info.name(), record);
    changed.fire(new RecordChanged(info.name(), "create", record));
    return record;
  }

  /** Replaces the client fields (PUT). */
  public StoredRecord replace(
      Caller caller, String collection, String id, Document data, String ifMatch) {
    return write(caller, collection, id, ifMatch, current -> clientFields(data));
  }

  /** Merges a JSON merge patch into the client fields (PATCH); {@code null} removes a field. */
  public StoredRecord merge(
      Caller caller, String collection, String id, Document patch, String ifMatch) {
    Document changes = clientFields(patch);
    return write(caller, collection, id, ifMatch, current -> mergePatch(current, changes, 1));
  }

  public void delete(Caller caller, String collection, String id, String ifMatch) {
    CollectionInfo info = collections.require(collection);
    StoredRecord current = load(info, id);
    RuleEvaluator.require(info.rules(), "delete", caller, current.owner());
    checkIfMatch(current, ifMatch);
    if (!engine.deleteRecord(info.name(), id, current.version())) {
      if (ifMatch != null) {
        throw ProblemException.preconditionFailed("The record changed since you read it.");
      }
      if (!engine.deleteRecord(info.name(), id, -1)) {
        return;
      }
    }
    changed.fire(new RecordChanged(info.name(), "delete", current));
  }

  private StoredRecord write(
      Caller caller,
      String collection,
      String id,
      String ifMatch,
      java.util.function.UnaryOperator<Document> change) {
    CollectionInfo info = collections.require(collection);
    for (int attempt = 0; attempt < WRITE_RETRIES; attempt++) {
      StoredRecord current = load(info, id);
      RuleEvaluator.require(info.rules(), "update", caller, current.owner());
      checkIfMatch(current, ifMatch);
      Document data = change.apply(current.data());
      StoredRecord next =
          new StoredRecord(
              id, current.owner(), current.createdAt(), new Date(), current.version() + 1, data);
      requireSize(next.toDocument());
      requireDepth(data);
      if (engine.replaceRecord(info.name(), next, current.version())) {
        changed.fire(new RecordChanged(info.name(), "update", next, current));
        return next;
      }
      if (ifMatch != null) {
        throw ProblemException.preconditionFailed("The record changed since you read it.");
      }
    }
    throw ProblemException.conflict("The record is being changed by others; try again.");
  }

  private static void checkIfMatch(StoredRecord current, String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return;
    }
    for (String tag : ifMatch.split(",")) {
      if (tag.trim().equals(current.etag())) {
        return;
      }
    }
    throw ProblemException.preconditionFailed(
        "The record has changed (its ETag is now " + current.etag() + "); read it again.");
  }

  private Optional<StoredRecord> find(String collection, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ProblemException.invalid("id", "is not a record id (24 hexadecimal characters)");
    }
    return engine.record(collection, id);
  }

  /** The client's fields without the server fields, which a client cannot set. */
  private static Document clientFields(Document body) {
    Document data = new Document(body);
    FieldPaths.SERVER_FIELDS.forEach(data::remove);
    return data;
  }

  private static Document mergePatch(Document target, Document patch, int depth) {
    Document merged = new Document(target);
    for (Map.Entry<String, Object> change : patch.entrySet()) {
      Object value = change.getValue();
      if (value == null) {
        merged.remove(change.getKey());
      } else if (value instanceof Document inner) {
        Object existing = merged.get(change.getKey());
        merged.put(
            change.getKey(),
            mergePatch(existing instanceof Document d ? d : new Document(), inner, depth + 1));
      } else {
        merged.put(change.getKey(), value);
      }
    }
    return merged;
  }

  private void requireSize(Document stored) {
    int size =
        new RawBsonDocument(stored, new DocumentCodec()).getByteBuffer().remaining();
    if (size > settings.maxRecordBytes() + 512) {
      throw ProblemException.tooLarge(
          "The record would be " + size + " bytes; the limit is " + settings.maxRecordBytes() + ".");
    }
  }

  private static void requireDepth(Document data) {
    if (depth(data) > JsonBodies.MAX_DEPTH) {
      throw ProblemException.invalid(
          "(body)", "nesting is deeper than " + JsonBodies.MAX_DEPTH + " levels");
    }
  }

  private static int depth(Object value) {
    if (value instanceof Map<?, ?> map) {
      int max = 0;
      for (Object v : map.values()) {
        max = Math.max(max, depth(v));
      }
      return 1 + max;
    }
    if (value instanceof List<?> list) {
      int max = 0;
      for (Object v : list) {
        max = Math.max(max, depth(v));
      }
      return 1 + max;
    }
    return 0;
  }
}
