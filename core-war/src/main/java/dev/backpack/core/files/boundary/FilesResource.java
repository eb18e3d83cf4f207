package dev.backpack.core.files.boundary;

import dev.backpack.core.auth.control.CurrentCaller;
import dev.backpack.core.files.control.FileStore;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.json.control.JsonWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
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

/** {@code /api/files}: HTTP mapping only; the work is {@link FileStore}'s. */
@Path("files")
@RequestScoped
public class FilesResource {

  @Inject FileStore store;
  @Inject CurrentCaller caller;
  @Context UriInfo uri;
  @Context HttpServletRequest request;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    StoredFile file = store.upload(caller.get(), type, request.getContentLengthLong(), body);
    return Response.created(uri.getAbsolutePathBuilder().path(file.id()).build())
        .entity(JsonWriter.write(file.toJsonMap(apiPath())))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
    String owner = caller.get().requireUser();
    return JsonWriter.write(store.list(owner, limit, after).toJsonMap(apiPath()));
  }

  @GET
  @Path("{id}")
  public Response download(
      @PathParam("id") String id,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return FileResponses.get(store, store.readable(id, caller.get()), range, ifRange, ifNoneMatch);
  }

  @HEAD
  @Path("{id}")
  public Response head(@PathParam("id") String id) {
    return FileResponses.head(store.readable(id, caller.get()));
  }

  @GET
  @Path("{id}/meta")
  @Produces(MediaType.APPLICATION_JSON)
  public String meta(@PathParam("id") String id) {
    return JsonWriter.write(store.readable(id, caller.get()).toJsonMap(apiPath()));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    store.delete(id, caller.get());
    return Response.noContent().build();
  }

  private String apiPath() {
    return uri.getBaseUri().getRawPath();
  }
}
