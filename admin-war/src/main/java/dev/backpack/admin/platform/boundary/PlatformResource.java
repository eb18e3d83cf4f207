package dev.backpack.admin.platform.boundary;

import dev.backpack.admin.accounts.control.AccountStore;
import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.json.control.JsonBodies;
import dev.backpack.admin.backpacks.control.Backpacks;
import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.admin.platform.control.PlatformSettings;
import dev.backpack.admin.platform.control.StartupLog;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;

/**
 * {@code /admin/api/platform}: what a signed-out visitor may know (is there an owner yet, is
 * registration open, which driver runs, is start-up done), and the owner's settings.
 */
@Path("platform")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

  @Inject PlatformConfig config;
  @Inject PlatformSettings settings;
  @Inject AccountStore accounts;
  @Inject StartupLog startup;
  @Inject CurrentAccount current;
  @Inject Backpacks backpacks;

  @GET
  public Response info() {
    boolean hasOwner = accounts.hasOwner();
    JsonObject json =
        Json.createObjectBuilder()
            .add("name", "Backpack")
            .add("hasOwner", hasOwner)
            .add("registrationOpen", !hasOwner || settings.registrationOpen())
            .add("driver", config.driver())
            .add("scalable", backpacks.scalable())
            .add("url", config.publicUrl().toString())
            .add("ready", startup.done())
            .build();
    return Response.ok(json.toString()).header("Cache-Control", "no-store").build();
  }

  @GET
  @Path("settings")
  public String settings() {
    current.requireOwner();
    return settingsJson();
  }

  @PATCH
  @Path("settings")
  public String change(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    current.requireOwner();
    JsonObject change = JsonBodies.read(type, body, Set.of("registrationOpen"));
    JsonValue open = change.get("registrationOpen");
    if (open != null) {
      if (open != JsonValue.TRUE && open != JsonValue.FALSE) {
        throw ProblemException.invalid("registrationOpen", "must be true or false");
      }
      settings.registrationOpen(open == JsonValue.TRUE);
    }
    return settingsJson();
  }

  private String settingsJson() {
    return Json.createObjectBuilder().add("registrationOpen", settings.registrationOpen()).build().toString();
  }
}
