package dev.backpack.core.admin.boundary;

import dev.backpack.core.auth.control.Passwords;
import dev.backpack.core.auth.control.UserStore;
import dev.backpack.core.auth.entity.User;
import dev.backpack.core.json.control.JsonRequests;
import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/admin/users}: list, get, delete, set password. */
@Path("admin/users")
@AdminOnly
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

  @Inject UserStore users;

  @GET
  public String list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
    int size = Pages.limit(limit);
    List<User> page = users.list(after == null || after.isEmpty() ? null : after, size + 1);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", page.stream().limit(size).map(User::toJsonMap).toList());
    json.put("next", page.size() > size ? page.get(size - 1).id() : null);
    return JsonWriter.write(json);
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    return JsonWriter.write(users.require(id).toJsonMap());
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    users.delete(id);
    return Response.noContent().build();
  }

  @PUT
  @Path("{id}/password")
  public Response setPassword(
      @PathParam("id") String id, @Context HttpHeaders headers, InputStream body) {
    Object password = JsonRequests.read(headers, body, Set.of("password")).get("password");
    users.setPassword(id, Passwords.requireAcceptable(password));
    return Response.noContent().build();
  }

  /** Paging parameters of admin lists. */
  static final class Pages {
    private Pages() {}

    static int limit(String limit) {
      if (limit == null || limit.isEmpty()) {
        return 50;
      }
      try {
        int value = Integer.parseInt(limit);
        if (value >= 1 && value <= 1000) {
          return value;
        }
      } catch (NumberFormatException e) {
        // same answer as out of range
      }
      throw ProblemException.invalid("limit", "must be a whole number from 1 to 1000");
    }
  }
}
