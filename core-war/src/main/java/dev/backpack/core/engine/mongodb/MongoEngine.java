package dev.backpack.core.engine.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.backpack.core.auth.entity.User;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.StoredRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code mongodb} engine: one backpack's data in its own database of a MongoDB server the team
 * runs ({@code backpack.mongodb.uri}). Collection metadata in {@code _collections} (a unique
 * lower-cased {@code key}), the records of collection {@code x} in {@code r_x}, users in {@code
 * users} (unique email), file metadata in {@code files}.
 */
public final class MongoEngine implements Engine {

  static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  static final String META = "_collections";
  static final String RECORDS_PREFIX = "r_";

  private final MongoClient client;
  private final MongoDatabase database;
  private volatile boolean indexed;

  public MongoEngine(String uri, String databaseName, String applicationName) {
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applicationName(applicationName)
                .applyToClusterSettings(
                    c -> c.serverSelectionTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                    s ->
                        s.connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                            .readTimeout(30, TimeUnit.SECONDS))
                .build());
    database = client.getDatabase(databaseName);
  }

  @Override
  public String id() {
    return "mongodb";
  }

  @Override
  public void close() {
    client.close();
  }

  private void ensureIndexes() {
    if (indexed) {
      return;
    }
    database.getCollection(META).createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("key_unique"));
    database.getCollection("users").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
    database.getCollection("files").createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("_id")));
    indexed = true;
  }

  private MongoCollection<Document> meta() {
    ensureIndexes();
    return database.getCollection(META);
  }

  private MongoCollection<Document> users() {
    ensureIndexes();
    return database.getCollection("users");
  }

  private MongoCollection<Document> files() {
    ensureIndexes();
    return database.getCollection("files");
  }

  private MongoCollection<Document> records(String collection) {
    return database.getCollection(RECORDS_PREFIX + collection);
  }

  @Override
  public void ping() {
    run(() -> database.runCommand(new Document("ping", 1)));
  }

  @Override
  public Long databaseBytes() {
    try {
      Object size = database.runCommand(new Document("dbStats", 1)).get("dataSize");
      return size instanceof Number n ? n.longValue() : null;
    } catch (RuntimeException unsupported) {
      return null;
    }
  }

  // collections

  @Override
  public List<CollectionInfo> collections() {
    return run(() -> {
      List<CollectionInfo> all = new ArrayList<>();
      meta().find().sort(new Document("_id", 1)).forEach(d -> all.add(collection(d)));
      return all;
    });
  }

  @Override
  public Optional<CollectionInfo> collection(String name) {
    return run(() -> Optional.ofNullable(meta().find(Filters.eq("_id", name)).first()).map(MongoEngine::collection));
  }

  @Override
  public void insertCollection(CollectionInfo info) {
    run(() -> {
      meta()
          .insertOne(
              new Document("_id", info.name())
                  .append("key", info.name().toLowerCase(Locale.ROOT))
                  .append("rules", info.rules().toDocument())
                  .append("createdAt", info.createdAt()));
      MongoCollection<Document> records = records(info.name());
      // the default sort (-createdAt) with its tie-break, and the same per owner for "owner" lists
      records.createIndex(
          Indexes.compoundIndex(Indexes.descending("createdAt"), Indexes.descending("_id")),
          new IndexOptions().name("created"));
      records.createIndex(
          Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("createdAt"), Indexes.descending("_id")),
          new IndexOptions().name("owner_created"));
      return null;
    });
  }

  @Override
  public Optional<CollectionInfo> updateRules(String name, Rules rules) {
    return run(() -> Optional.ofNullable(
            meta()
                .findOneAndUpdate(
                    Filters.eq("_id", name),
                    Updates.set("rules", rules.toDocument()),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(MongoEngine::collection));
  }

  /** Records first, then the metadata: a failure midway never revives old records. */
  @Override
  public void dropCollection(String name) {
    run(() -> {
      records(name).drop();
      meta().deleteOne(Filters.eq("_id", name));
      return null;
    });
  }

  private static CollectionInfo collection(Document stored) {
    return new CollectionInfo(
        stored.getString("_id"), Rules.fromDocument(stored.get("rules", Document.class)), stored.getDate("createdAt"));
  }

  // records

  @Override
  public List<StoredRecord> records(
      String collection, Document where, Sorting sorting, List<Object> after, int limit, long timeoutMillis) {
    Bson query = where;
    if (after != null) {
      query = where.isEmpty() ? sorting.after(after) : Filters.and(where, sorting.after(after));
    }
    Bson filter = query;
    return run(() -> {
      List<StoredRecord> page = new ArrayList<>();
      records(collection)
          .find(filter)
          .sort(sorting.toDocument())
          .limit(limit)
          .maxTime(timeoutMillis, TimeUnit.MILLISECONDS)
          .forEach(d -> page.add(StoredRecord.fromDocument(d)));
      return page;
    });
  }

  @Override
  public long countRecords(String collection, Document where, long timeoutMillis) {
    return run(() -> records(collection).countDocuments(where, new CountOptions().maxTime(timeoutMillis, TimeUnit.MILLISECONDS)));
  }

  @Override
  public Optional<StoredRecord> record(String collection, String id) {
    return run(() -> Optional.ofNullable(records(collection).find(Filters.eq("_id", id)).first()).map(StoredRecord::fromDocument));
  }

  @Override
  public void insertRecord(String collection, StoredRecord record) {
    run(() -> {
      records(collection).insertOne(record.toDocument());
      return null;
    });
  }

  @Override
  public boolean replaceRecord(String collection, StoredRecord next, int expectedVersion) {
    Bson which = Filters.and(Filters.eq("_id", next.id()), Filters.eq("v", expectedVersion));
    return run(() -> records(collection).replaceOne(which, next.toDocument()).getMatchedCount() == 1);
  }

  @Override
  public boolean deleteRecord(String collection, String id, int expectedVersion) {
    Bson which = expectedVersion < 0 ? Filters.eq("_id", id) : Filters.and(Filters.eq("_id", id), Filters.eq("v", expectedVersion));
    return run(() -> records(collection).deleteOne(which).getDeletedCount() == 1);
  }

  // users

  @Override
  public void insertUser(User user) {
    run(() -> {
      users()
          .insertOne(
              new Document("_id", user.id())
                  .append("email", user.email())
                  .append("password", user.passwordHash())
                  .append("createdAt", user.createdAt()));
      return null;
    });
  }

  @Override
  public Optional<User> user(String id) {
    return run(() -> Optional.ofNullable(users().find(Filters.eq("_id", id)).first()).map(MongoEngine::user));
  }

  @Override
  public Optional<User> userByEmail(String email) {
    // emails are stored lower-cased (Emails.normalise), so equality is equality ignoring case
    return run(() -> Optional.ofNullable(users().find(Filters.eq("email", email.toLowerCase(Locale.ROOT))).first()).map(MongoEngine::user));
  }

  @Override
  public List<User> users(String afterId, int limit) {
    return run(() -> {
      List<User> page = new ArrayList<>();
      users()
          .find(afterId == null ? new Document() : Filters.gt("_id", afterId))
          .sort(new Document("_id", 1))
          .limit(limit)
          .forEach(d -> page.add(user(d)));
      return page;
    });
  }

  @Override
  public long countUsers() {
    return run(() -> users().countDocuments());
  }

  @Override
  public boolean setPasswordHash(String id, String hash) {
    return run(() -> users().updateOne(Filters.eq("_id", id), Updates.set("password", hash)).getMatchedCount() == 1);
  }

  @Override
  public boolean deleteUser(String id) {
    return run(() -> users().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1);
  }

  private static User user(Document stored) {
    return new User(stored.getString("_id"), stored.getString("email"), stored.getDate("createdAt"), stored.getString("password"));
  }

  // files

  @Override
  public void insertFile(StoredFile file) {
    run(() -> {
      files().insertOne(file.toDocument());
      return null;
    });
  }

  @Override
  public Optional<StoredFile> file(String id) {
    return run(() -> Optional.ofNullable(files().find(Filters.eq("_id", id)).first()).map(StoredFile::fromDocument));
  }

  @Override
  public List<StoredFile> files(String owner, String beforeId, int limit) {
    List<Bson> where = new ArrayList<>();
    if (owner != null) {
      where.add(Filters.eq("owner", owner));
    }
    if (beforeId != null) {
      where.add(Filters.lt("_id", beforeId));
    }
    return run(() -> {
      List<StoredFile> page = new ArrayList<>();
      files()
          .find(where.isEmpty() ? new Document() : Filters.and(where))
          .sort(new Document("_id", -1))
          .limit(limit)
          .forEach(d -> page.add(StoredFile.fromDocument(d)));
      return page;
    });
  }

  @Override
  public List<StoredFile> filesOf(String owner) {
    return run(() -> {
      List<StoredFile> owned = new ArrayList<>();
      files().find(Filters.eq("owner", owner)).forEach(d -> owned.add(StoredFile.fromDocument(d)));
      return owned;
    });
  }

  @Override
  public FileUsage fileUsage() {
    return run(() -> {
      Document sum =
          files()
              .aggregate(List.of(Aggregates.group(null, Accumulators.sum("files", 1), Accumulators.sum("bytes", "$size"))))
              .first();
      if (sum == null) {
        return new FileUsage(0, 0);
      }
      return new FileUsage(((Number) sum.get("files")).longValue(), ((Number) sum.get("bytes")).longValue());
    });
  }

  @Override
  public Map<String, String> fileNames() {
    return run(() -> {
      Map<String, String> names = new LinkedHashMap<>();
      files().find().projection(Projections.include("_id", "name")).forEach(d -> names.put(d.getString("_id"), d.getString("name")));
      return names;
    });
  }

  @Override
  public boolean deleteFile(String id) {
    return run(() -> files().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1);
  }

  /** Runs a driver call, turning the driver's failures into the engine's. */
  private static <T> T run(Supplier<T> call) {
    try {
      return call.get();
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new Duplicate(e.getMessage(), e);
      }
      throw e;
    } catch (MongoExecutionTimeoutException e) {
      throw new QueryTooSlow(e.getMessage(), e);
    } catch (MongoTimeoutException | MongoSocketException e) {
      throw new Unavailable(e.getMessage(), e);
    }
  }
}
