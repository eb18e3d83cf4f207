package dev.backpack.core.records.boundary;

import dev.backpack.core.auth.control.CurrentCaller;
import dev.backpack.core.config.BackpackSettings;
import dev.backpack.core.json.control.JsonBodies;
import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.records.control.RecordStore;
import dev.backpack.core.records.control.RecordStore.ListQuery;
import dev.backpack.core.records.entity.StoredRecord;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.bson.Document;

/** {@code /api/collections/{name}/records}: HTTP mapping only; the work is {@link RecordStore}'s. */
@Path("collections/{name}/records")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordsResource {

  @Inject RecordStore store;
  @Inject BackpackSettings settings;
  @Inject CurrentCaller caller;

  @PathParam("name")
  String collection;

  @Context HttpHeaders headers;

  @GET
  public String list(
      @QueryParam("filter") String filter,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after,
      @QueryParam("count") String count) {
    return JsonWriter.write(
        store.list(caller.get(), collection, ListQuery.parse(filter, sort, limit, after, count)).toJsonMap());
  }

  @POST
  public Response create(@Context UriInfo uri, InputStream body) {
    StoredRecord created = store.create(caller.get(), collection, read(body));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .tag(unquoted(created.etag()))
        .entity(JsonWriter.write(created.toJsonMap()))
        .build();
  }

  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    StoredRecord record = store.get(caller.get(), collection, id);
    if (ifNoneMatch != null && ifNoneMatch.contains(record.etag())) {
      return Response.notModified().tag(unquoted(record.etag())).build();
    }
    return withEtag(record);
  }

  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    return withEtag(store.replace(caller.get(), collection, id, read(body), ifMatch));
  }

  @PATCH
  @Path("{id}")
  public Response merge(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    return withEtag(store.merge(caller.get(), collection, id, read(body), ifMatch));
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    store.delete(caller.get(), collection, id, ifMatch);
    return Response.noContent().build();
  }

  private Document read(InputStream body) {
    JsonBodies.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    return JsonBodies.parseObject(
        JsonBodies.readLimited(body, headers.getLength(), settings.maxRecordBytes()));
  }

  private static Response withEtag(StoredRecord record) {
    return Response.ok(JsonWriter.write(record.toJsonMap())).tag(unquoted(record.etag())).build();
  }

  private static jakarta.ws.rs.core.EntityTag unquoted(String quoted) {
    return new jakarta.ws.rs.core.EntityTag(quoted.substring(1, quoted.length() - 1));
  }
}
