package dev.backpack.admin.backpacks.boundary;

import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.backpacks.control.BackpackAdmin;
import dev.backpack.admin.backpacks.control.Backpacks;
import dev.backpack.admin.backpacks.entity.Registration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/backpacks/{name}/files}: every user's files (list, download with ranges,
 * delete) through the backpack's admin key. Downloads stream through; nothing is buffered.
 */
@Path("backpacks/{name}/files")
@RequestScoped
public class BackpackFilesResource {

  @Inject CurrentAccount current;
  @Inject Backpacks backpacks;
  @Inject BackpackAdmin admin;

  @GET
  public Response list(@PathParam("name") String name, @QueryParam("owner") String owner, @QueryParam("limit") String limit, @QueryParam("after") String after) {
    return Forward.response(admin.send(backpack(name), "GET", List.of("api", "admin", "files"), Forward.query("owner", owner, "limit", limit, "after", after), null, null, Map.of()));
  }

  @GET
  @Path("{id}")
  public Response download(@PathParam("name") String name, @PathParam("id") String id, @Context HttpHeaders headers) {
    return Forward.response(admin.send(backpack(name), "GET", List.of("api", "files", id), Map.of(), null, null, Forward.downloadHeaders(headers)));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("name") String name, @PathParam("id") String id) {
    return Forward.response(admin.send(backpack(name), "DELETE", List.of("api", "admin", "files", id), Map.of(), null, null, Map.of()));
  }

  private Registration backpack(String name) {
    return backpacks.readable(current.require(), name);
  }
}
