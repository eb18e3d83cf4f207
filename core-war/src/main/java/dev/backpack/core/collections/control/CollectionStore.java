package dev.backpack.core.collections.control;

import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.CollectionNames;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The collections of this backpack with their rules, kept by the {@link Engine}. Names differing
 * only in case are one name (409), because real MongoDB refuses such pairs on case-insensitive
 * file systems, and both engines must give the same answers.
 */
@ApplicationScoped
public class CollectionStore {

  @Inject Engine engine;
  @Inject BackpackSettings settings;

  public List<CollectionInfo> list() {
    return engine.collections();
  }

  public Optional<CollectionInfo> find(String name) {
    CollectionNames.require(name);
    return engine.collection(name);
  }

  public CollectionInfo require(String name) {
    return find(name)
        .orElseThrow(() -> ProblemException.notFound("There is no collection '" + name + "'."));
  }

  /** Creates a collection; 409 if one of that name (ignoring case) exists. */
  public CollectionInfo create(String name, Rules rules) {
    CollectionNames.require(name);
    CollectionInfo info = new CollectionInfo(name, rules, new Date());
    try {
      engine.insertCollection(info);
    } catch (Engine.Duplicate e) {
      throw ProblemException.conflict("A collection named '" + name + "' already exists.");
    }
    return info;
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
    return engine
        .updateRules(name, rules)
        .orElseThrow(() -> ProblemException.notFound("There is no collection '" + name + "'."));
  }

  /** Deletes the collection with all its records. */
  public void delete(String name) {
    require(name);
    engine.dropCollection(name);
  }
}
