package dev.backpack.admin.backpacks.boundary;

import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.backpacks.control.BackpackAdmin;
import dev.backpack.admin.backpacks.control.Backpacks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/api/backpacks/{name}/stats}: a backpack's counts and storage. */
@Path("backpacks/{name}/stats")
@RequestScoped
public class BackpackStatsResource {

  @Inject CurrentAccount current;
  @Inject Backpacks backpacks;
  @Inject BackpackAdmin admin;

  @GET
  public Response stats(@PathParam("name") String name) {
    return Forward.response(admin.send(backpacks.readable(current.require(), name), "GET", List.of("api", "admin", "stats"), Map.of(), null, null, Map.of()));
  }
}
