package dev.backpack.admin.accounts.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A platform account (never its password hash).
 *
 * @param id its id
 * @param email normalised email
 * @param role owner or developer
 * @param createdAt when it signed up
 */
public record Account(UUID id, String email, Role role, Instant createdAt) {

  public boolean isOwner() {
    return role == Role.OWNER;
  }

  /** {@code {id, email, role, createdAt}}. */
  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("id", id.toString())
        .add("email", email)
        .add("role", role.value())
        .add("createdAt", createdAt.toString())
        .build();
  }
}
