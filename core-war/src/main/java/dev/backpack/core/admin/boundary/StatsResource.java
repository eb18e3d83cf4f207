package dev.backpack.core.admin.boundary;

import dev.backpack.core.admin.control.Stats;
import dev.backpack.core.json.control.JsonWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/admin/stats}: counts and storage of this backpack. */
@Path("admin/stats")
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

  @Inject Stats stats;

  @GET
  public String stats() {
    return JsonWriter.write(stats.collect());
  }
}
