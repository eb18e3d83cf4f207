package dev.backpack.core.admin.boundary;

import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.collections.control.CollectionStore;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.json.control.JsonBodies;
import dev.backpack.core.json.control.JsonRequests;
import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.records.control.RecordStore;
import dev.backpack.core.records.control.RecordStore.ListQuery;
import dev.backpack.core.records.entity.StoredRecord;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Set;
import org.bson.Document;

/**
 * {@code /api/admin/collections}: create, set rules, delete collections, and browse, edit and
 * delete any record regardless of rules.
 */
@Path("admin/collections")
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminCollectionsResource {

  static final Caller ADMIN = new Caller(null, true);

  @Inject CollectionStore collections;
  @Inject RecordStore records;
  @Inject BackpackSettings settings;
  @Context HttpHeaders headers;

  @GET
  public String list() {
    return JsonWriter.write(collections.list().stream().map(CollectionInfo::toJsonMap).toList());
  }

  @POST
  public Response create(@Context UriInfo uri, InputStream body) {
    Document request = JsonRequests.read(headers, body, Set.of("name", "rules"));
    if (!(request.get("name") instanceof String name)) {
      throw ProblemException.invalid("name", "is required and must be a string");
    }
    CollectionInfo created = collections.create(name, Rules.DEFAULT.with(request.get("rules")));
    return Response.created(uri.getAbsolutePathBuilder().path(name).build())
        .entity(JsonWriter.write(created.toJsonMap()))
        .build();
  }

  @PATCH
  @Path("{name}")
  public String setRules(@PathParam("name") String name, InputStream body) {
    Document request = JsonRequests.read(headers, body, Set.of("rules"));
    if (!request.containsKey("rules")) {
      throw ProblemException.invalid("rules", "is required");
    }
    return JsonWriter.write(collections.setRules(name, request.get("rules")).toJsonMap());
  }

  @DELETE
  @Path("{name}")
  public Response delete(@PathParam("name") String name) {
    collections.delete(name);
    return Response.noContent().build();
  }

  @GET
  @Path("{name}/records")
  public String browse(
      @PathParam("name") String name,
      @QueryParam("filter") String filter,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after,
      @QueryParam("count") String count) {
    return JsonWriter.write(
        records.list(ADMIN, name, ListQuery.parse(filter, sort, limit, after, count)).toJsonMap());
  }

  @GET
  @Path("{name}/records/{id}")
  public String record(@PathParam("name") String name, @PathParam("id") String id) {
    return JsonWriter.write(records.get(ADMIN, name, id).toJsonMap());
  }

  @PATCH
  @Path("{name}/records/{id}")
  public String edit(
      @PathParam("name") String name, @PathParam("id") String id, InputStream body) {
    JsonBodies.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    Document patch =
        JsonBodies.parseObject(
            JsonBodies.readLimited(body, headers.getLength(), settings.maxRecordBytes()));
    StoredRecord changed = records.merge(ADMIN, name, id, patch, null);
    return JsonWriter.write(changed.toJsonMap());
  }

  @DELETE
  @Path("{name}/records/{id}")
  public Response deleteRecord(@PathParam("name") String name, @PathParam("id") String id) {
    records.delete(ADMIN, name, id, null);
    return Response.noContent().build();
  }
}
