package dev.backpack.admin.backpacks.boundary;

import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.backpacks.control.Backpacks;
import dev.backpack.admin.backpacks.entity.BackpackView;
import dev.backpack.admin.json.control.JsonBodies;
import dev.backpack.admin.operations.control.Operations.Started;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.Set;

/**
 * {@code /admin/api/backpacks}: list, create (202 + operation), show, delete (202 + operation).
 * Only what the caller may see: the owner every backpack, a developer their own; 404 otherwise.
 */
@Path("backpacks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BackpacksResource {

  @Inject CurrentAccount current;
  @Inject Backpacks backpacks;

  @GET
  public Response list() {
    JsonArrayBuilder items = Json.createArrayBuilder();
    backpacks.list(current.require()).stream().map(BackpackView::toJson).forEach(items::add);
    return Response.ok(Json.createObjectBuilder().add("items", items).build().toString()).header("Cache-Control", "no-store").build();
  }

  @POST
  public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    Account creator = current.require();
    String name = JsonBodies.requiredString(JsonBodies.read(type, body, Set.of("name")), "name");
    return accepted(backpacks.create(creator, name));
  }

  @GET
  @Path("{name}")
  public Response show(@PathParam("name") String name) {
    return Response.ok(backpacks.show(current.require(), name).toJson().toString()).header("Cache-Control", "no-store").build();
  }

  /** Replicas and limits, where the driver can change them: 202 + operation. */
  @PATCH
  @Path("{name}/deployment")
  public Response deployment(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    Account viewer = current.require();
    return accepted(backpacks.update(viewer, name, JsonBodies.read(type, body, Set.of("replicas", "limits"))));
  }

  @DELETE
  @Path("{name}")
  public Response delete(@PathParam("name") String name) {
    return accepted(backpacks.delete(current.require(), name));
  }

  private static Response accepted(Started started) {
    return Response.accepted(started.operation().toJson(true).toString()).location(URI.create("/admin/api/operations/" + started.operation().id())).build();
  }
}
