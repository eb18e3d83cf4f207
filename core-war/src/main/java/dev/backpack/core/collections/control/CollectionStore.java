package dev.backpack.core.collections.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.CollectionNames;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;

/**
 * The collections of this backpack: metadata in {@code _collections}, the records of collection
 * {@code x} in the MongoDB collection {@code r_x}. Names differing only in case are one name
 * (409), because real MongoDB refuses such pairs on case-insensitive file systems.
 */
@ApplicationScoped
public class CollectionStore {

  static final String META = "_collections";
  static final String RECORDS_PREFIX = "r_";

  @Inject MongoDatabase database;
  @Inject BackpackSettings settings;

  private volatile boolean metaIndexed;

  MongoCollection<Document> meta() {
    MongoCollection<Document> meta = database.getCollection(META);
    if (!metaIndexed) {
      meta.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("key_unique"));
      metaIndexed = true;
    }
    return meta;
  }

  public List<CollectionInfo> list() {
    List<CollectionInfo> all = new ArrayList<>();
    meta().find().sort(new Document("_id", 1)).forEach(d -> all.add(CollectionInfo.fromDocument(d)));
    return all;
  }

  public Optional<CollectionInfo> find(String name) {
    CollectionNames.require(name);
    return Optional.ofNullable(meta().find(Filters.eq("_id", name)).first())
        .map(CollectionInfo::fromDocument);
  }

  public CollectionInfo require(String name) {
    return find(name)
        .orElseThrow(() -> ProblemException.notFound("There is no collection '" + name + "'."));
  }

  /** Creates a collection; 409 if one of that name (ignoring case) exists. */
  public CollectionInfo create(String name, Rules rules) {
    CollectionNames.require(name);
    Document doc =
        new Document("_id", name)
            .append("key", name.toLowerCase(Locale.ROOT))
            .append("rules", rules.toDocument())
            .append("createdAt", new Date());
    try {
      meta().insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw ProblemException.conflict("A collection named '" + name + "' already exists.");
      }
      throw e;
    }
    indexRecords(name);
    return CollectionInfo.fromDocument(doc);
  }

  /**
   * The collection a write goes to: created with default rules when it does not exist and the
   * backpack lets clients create collections, 404 otherwise.
   */
  public CollectionInfo forWrite(String name, boolean admin) {
    Optional<CollectionInfo> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (!admin && !settings.clientCollections()) {
      throw ProblemException.notFound(
          "There is no collection '" + name + "'; the backpack admin must create it first.");
    }
    try {
      return create(name, Rules.DEFAULT);
    } catch (ProblemException raced) {
      if (raced.status() == 409) {
        return require(name);
      }
      throw raced;
    }
  }

  public CollectionInfo setRules(String name, Object changes) {
    CollectionInfo current = require(name);
    Rules rules = current.rules().with(changes);
    Document updated =
        meta()
            .findOneAndUpdate(
                Filters.eq("_id", name),
                Updates.set("rules", rules.toDocument()),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    if (updated == null) {
      throw ProblemException.notFound("There is no collection '" + name + "'.");
    }
    return CollectionInfo.fromDocument(updated);
  }

  /** Deletes the records first, then the metadata: a failure midway never revives old records. */
  public void delete(String name) {
    require(name);
    records(name).drop();
    meta().deleteOne(Filters.eq("_id", name));
  }

  public MongoCollection<Document> records(String name) {
    return database.getCollection(RECORDS_PREFIX + name);
  }

  private void indexRecords(String name) {
    MongoCollection<Document> records = records(name);
    // the default sort (-createdAt) with its tie-break, and the same per owner for "owner" lists
    records.createIndex(
        Indexes.compoundIndex(Indexes.descending("createdAt"), Indexes.descending("_id")),
        new IndexOptions().name("created"));
    records.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("owner"), Indexes.descending("createdAt"), Indexes.descending("_id")),
        new IndexOptions().name("owner_created"));
  }
}
