package dev.backpack.admin.operations.entity;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A create or delete of a backpack, with its steps: readable while it runs and afterwards.
 *
 * @param id its id
 * @param kind create or delete
 * @param backpack the backpack's name
 * @param ownerId the backpack's owner (who may read this), null for the platform's own backpacks
 * @param startedBy who started it, null for the platform itself
 * @param state running, succeeded or failed
 * @param error why it failed, for a user; null otherwise
 * @param createdAt when it started
 * @param finishedAt when it ended, null while running
 * @param steps its steps so far, in order
 */
public record Operation(
    UUID id, Kind kind, String backpack, UUID ownerId, UUID startedBy, State state, String error, Instant createdAt, Instant finishedAt, List<Step> steps) {

  /** What an operation does. */
  public enum Kind {
    CREATE,
    DELETE,
    /** a new deployment (replicas, limits) applied to a running backpack. */
    UPDATE;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** Where an operation stands. */
  public enum State {
    RUNNING,
    SUCCEEDED,
    FAILED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public boolean finished() {
    return state != State.RUNNING;
  }

  /** The same operation with other steps. */
  public Operation withSteps(List<Step> others) {
    return new Operation(id, kind, backpack, ownerId, startedBy, state, error, createdAt, finishedAt, List.copyOf(others));
  }

  /**
   * {@code {id, kind, backpack, state, error, createdAt, finishedAt, steps, links}}; {@code links}
   * are relative to the API root: {@code operations/<id>} and {@code operations/<id>/events}.
   */
  public JsonObject toJson(boolean withSteps) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", id.toString())
            .add("kind", kind.value())
            .add("backpack", backpack)
            .add("state", state.value());
    if (error == null) {
      json.addNull("error");
    } else {
      json.add("error", error);
    }
    json.add("createdAt", createdAt.toString());
    if (finishedAt == null) {
      json.addNull("finishedAt");
    } else {
      json.add("finishedAt", finishedAt.toString());
    }
    if (withSteps) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      steps.forEach(s -> list.add(s.toJson()));
      json.add("steps", list);
    }
    json.add(
        "links",
        Json.createObjectBuilder()
            .add("self", "/admin/api/operations/" + id)
            .add("events", "/admin/api/operations/" + id + "/events"));
    return json.build();
  }
}
