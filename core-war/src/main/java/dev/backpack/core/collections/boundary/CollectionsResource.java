package dev.backpack.core.collections.boundary;

import dev.backpack.core.admin.control.AdminKeys;
import dev.backpack.core.auth.control.CurrentCaller;
import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.json.control.JsonRequests;
import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.InputStream;
import java.util.Set;
import org.bson.Document;

/** {@code /api/collections}: HTTP mapping only; the work is {@link CollectionStore}'s. */
@Path("collections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CollectionsResource {

  @Inject CollectionStore store;
  @Inject AdminKeys adminKeys;
  @Inject BackpackSettings settings;
  @Inject CurrentCaller caller;

  @GET
  public String list() {
    caller.get().requireSignedInOrAdmin();
    return JsonWriter.write(store.list().stream().map(CollectionInfo::toJsonMap).toList());
  }

  @POST
  public Response create(
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @HeaderParam(AdminKeys.HEADER) String adminKey,
      InputStream body) {
    if (settings.clientCollections()) {
      caller.get().requireSignedInOrAdmin();
    } else {
      adminKeys.require(adminKey);
    }
    Document request = JsonRequests.read(headers, body, Set.of("name", "rules"));
    if (!(request.get("name") instanceof String name)) {
      throw ProblemException.invalid("name", "is required and must be a string");
    }
    CollectionInfo created = store.create(name, Rules.DEFAULT.with(request.get("rules")));
    return Response.created(uri.getAbsolutePathBuilder().path(name).build())
        .entity(JsonWriter.write(created.toJsonMap()))
        .build();
  }

  @GET
  @Path("{name}")
  public String get(@PathParam("name") String name) {
    caller.get().requireSignedInOrAdmin();
    return JsonWriter.write(store.require(name).toJsonMap());
  }

  @PATCH
  @Path("{name}")
  public String setRules(
      @PathParam("name") String name,
      @Context HttpHeaders headers,
      @HeaderParam(AdminKeys.HEADER) String adminKey,
      InputStream body) {
    adminKeys.require(adminKey);
    Document request = JsonRequests.read(headers, body, Set.of("rules"));
    if (!request.containsKey("rules")) {
      throw ProblemException.invalid("rules", "is required");
    }
    return JsonWriter.write(store.setRules(name, request.get("rules")).toJsonMap());
  }

  @DELETE
  @Path("{name}")
  public Response delete(
      @PathParam("name") String name, @HeaderParam(AdminKeys.HEADER) String adminKey) {
    adminKeys.require(adminKey);
    store.delete(name);
    return Response.noContent().build();
  }
}
