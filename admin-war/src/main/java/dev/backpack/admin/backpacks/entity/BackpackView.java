package dev.backpack.admin.backpacks.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;

/**
 * A backpack as the API shows it (never its admin key).
 *
 * @param registration what the registry knows
 * @param status up, down, deploying, failed or deleting
 * @param statusDetail why it is failed or down, null otherwise
 * @param url its public base URL
 */
public record BackpackView(Registration registration, String status, String statusDetail, URI url) {

  /**
   * The SDK snippet to copy into an app: the SDK module every backpack serves, and a client for
   * this backpack.
   */
  public String sdkSnippet() {
    String base = url.toString().endsWith("/") ? url.toString().substring(0, url.toString().length() - 1) : url.toString();
    return "import { Backpack } from '" + base + "/sdk/backpack.js';\nconst bp = new Backpack('" + base + "');\n";
  }

  /**
   * {@code {name, status, statusDetail, url, apiDocs, owner: {id, email} | null, createdAt,
   * deployment: {replicas, limits}, sdkSnippet}}.
   */
  public JsonObject toJson() {
    JsonObjectBuilder json = Json.createObjectBuilder().add("name", registration.name().value()).add("status", status);
    if (statusDetail == null) {
      json.addNull("statusDetail");
    } else {
      json.add("statusDetail", statusDetail);
    }
    json.add("url", url.toString()).add("apiDocs", url.resolve("api/openapi").toString());
    if (registration.ownerId() == null) {
      json.addNull("owner");
    } else {
      json.add("owner", Json.createObjectBuilder().add("id", registration.ownerId().toString()).add("email", registration.ownerEmail()));
    }
    return json.add("createdAt", registration.createdAt().toString()).add("deployment", registration.deployment().toJson()).add("sdkSnippet", sdkSnippet()).build();
  }
}
