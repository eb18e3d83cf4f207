package dev.backpack.core.files.boundary;

import dev.backpack.core.admin.boundary.AdminOnly;
import dev.backpack.core.files.control.FileStore;
import dev.backpack.core.json.control.JsonWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/admin/files} (admin key only, checked by {@link AdminOnly}): every user's files,
 * newest first, optionally of one {@code owner}; delete any file.
 */
@Path("admin/files")
@AdminOnly
@RequestScoped
public class AdminFilesResource {

  @Inject FileStore store;
  @Context UriInfo uri;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String list(
      @QueryParam("owner") String owner,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after) {
    String ofOwner = owner == null || owner.isEmpty() ? null : owner;
    return JsonWriter.write(
        store.list(ofOwner, limit, after).toJsonMap(uri.getBaseUri().getRawPath()));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    store.deleteAsAdmin(id);
    return Response.noContent().build();
  }
}
