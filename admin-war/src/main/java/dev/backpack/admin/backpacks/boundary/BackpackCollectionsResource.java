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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/backpacks/{name}/collections}: a backpack's collections (list, create, rules,
 * delete) and their records (browse with the filter language, create, get, edit, delete),
 * regardless of rules, through its admin key.
 */
@Path("backpacks/{name}/collections")
@RequestScoped
public class BackpackCollectionsResource {

  @Inject CurrentAccount current;
  @Inject Backpacks backpacks;
  @Inject BackpackAdmin admin;

  @GET
  public Response list(@PathParam("name") String name) {
    return send(name, "GET", List.of("api", "admin", "collections"), Map.of(), null);
  }

  @POST
  public Response create(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    return send(name, "POST", List.of("api", "admin", "collections"), Map.of(), Forward.json(type, body, JsonBodies.MAX_BYTES));
  }

  @PATCH
  @Path("{collection}")
  public Response setRules(@PathParam("name") String name, @PathParam("collection") String collection, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    return send(name, "PATCH", List.of("api", "admin", "collections", collection), Map.of(), Forward.json(type, body, JsonBodies.MAX_BYTES));
  }

  @DELETE
  @Path("{collection}")
  public Response delete(@PathParam("name") String name, @PathParam("collection") String collection) {
    return send(name, "DELETE", List.of("api", "admin", "collections", collection), Map.of(), null);
  }

  @GET
  @Path("{collection}/records")
  public Response records(@PathParam("name") String name, 
      @PathParam("collection") String collection,
      @QueryParam("filter") String filter,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after,
      @QueryParam("count") String count) {
    return send(name, "GET", List.of("api", "admin", "collections", collection, "records"), Forward.query("filter", filter, "sort", sort, "limit", limit, "after", after, "count", count), null);
  }

  /** Records are created through the backpack's public API with the admin key (which passes every rule). */
  @POST
  @Path("{collection}/records")
  public Response createRecord(@PathParam("name") String name, @PathParam("collection") String collection, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    return send(name, "POST", List.of("api", "collections", collection, "records"), Map.of(), Forward.json(type, body, Forward.MAX_BODY));
  }

  @GET
  @Path("{collection}/records/{id}")
  public Response record(@PathParam("name") String name, @PathParam("collection") String collection, @PathParam("id") String id) {
    return send(name, "GET", List.of("api", "admin", "collections", collection, "records", id), Map.of(), null);
  }

  @PATCH
  @Path("{collection}/records/{id}")
  public Response edit(@PathParam("name") String name, @PathParam("collection") String collection, @PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    return send(name, "PATCH", List.of("api", "admin", "collections", collection, "records", id), Map.of(), Forward.json(type, body, Forward.MAX_BODY));
  }

  @DELETE
  @Path("{collection}/records/{id}")
  public Response deleteRecord(@PathParam("name") String name, @PathParam("collection") String collection, @PathParam("id") String id) {
    return send(name, "DELETE", List.of("api", "admin", "collections", collection, "records", id), Map.of(), null);
  }

  private Response send(String name, String method, List<String> path, Map<String, String> query, byte[] body) {
    Registration backpack = backpacks.readable(current.require(), name);
    return Forward.response(admin.send(backpack, method, path, query, body, body == null ? null : "application/json", Map.of()));
  }
}
