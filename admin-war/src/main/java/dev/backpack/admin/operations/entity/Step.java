package dev.backpack.admin.operations.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One step of an operation.
 *
 * @param seq 1, 2, ... in order (also the SSE event id)
 * @param at when it started
 * @param message what was done, fit for a user
 */
public record Step(int seq, Instant at, String message) {

  /** {@code {seq, at, message}}. */
  public JsonObject toJson() {
    return Json.createObjectBuilder().add("seq", seq).add("at", at.toString()).add("message", message).build();
  }
}
