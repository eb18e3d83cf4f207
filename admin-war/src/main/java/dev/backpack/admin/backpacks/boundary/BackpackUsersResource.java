package dev.backpack.admin.backpacks.boundary;

import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.backpacks.control.BackpackAdmin;
import dev.backpack.admin.backpacks.control.Backpacks;
import dev.backpack.admin.backpacks.entity.Registration;
import dev.backpack.admin.json.control.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** {@code /admin/api/backpacks/{name}/users}: a backpack's users through its admin API. */
@Path("backpacks/{name}/users")
@RequestScoped
public class BackpackUsersResource {

  @Inject CurrentAccount current;
  @Inject Backpacks backpacks;
  @Inject BackpackAdmin admin;

  @GET
  public Response list(@PathParam("name") String name, @QueryParam("after") String after, @QueryParam("limit") String limit) {
    return Forward.response(admin.send(backpack(name), "GET", List.of("api", "admin", "users"), Forward.query("after", after, "limit", limit), null, null, Map.of()));
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("name") String name, @PathParam("id") String id) {
    return Forward.response(admin.send(backpack(name), "GET", List.of("api", "admin", "users", id), Map.of(), null, null, Map.of()));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("name") String name, @PathParam("id") String id) {
    return Forward.response(admin.send(backpack(name), "DELETE", List.of("api", "admin", "users", id), Map.of(), null, null, Map.of()));
  }

  @PUT
  @Path("{id}/password")
  public Response setPassword(@PathParam("name") String name, @PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    byte[] json = Forward.json(type, body, JsonBodies.MAX_BYTES);
    return Forward.response(admin.send(backpack(name), "PUT", List.of("api", "admin", "users", id, "password"), Map.of(), json, "application/json", Map.of()));
  }

  private Registration backpack(String name) {
    return backpacks.readable(current.require(), name);
  }
}
