package dev.backpack.core.info.boundary;

import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.json.control.JsonWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/info}: the backpack's name, the API version and the id of this running instance
 * (a static of the deployment's own classloader: two backpacks, or two replicas, never share it).
 */
@Path("info")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

  /** Made when this deployment's classloader loads the class. */
  static final String INSTANCE = UUID.randomUUID().toString();

  static final String API_VERSION = "1";

  @Inject BackpackSettings settings;

  @GET
  public String info() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", settings.name());
    info.put("api", API_VERSION);
    info.put("instance", INSTANCE);
    return JsonWriter.write(info);
  }
}
