package dev.backpack.admin.platform.boundary;

import dev.backpack.admin.backpacks.control.Backpacks;
import dev.backpack.admin.backpacks.entity.BackpackView;
import dev.backpack.admin.json.control.JsonBodies;
import dev.backpack.admin.operations.control.Operations.Started;
import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.platform.control.PlatformConfig;
import dev.backpack.admin.platform.control.StartupLog;
import dev.backpack.admin.problems.entity.ProblemException;
import dev.backpack.deployment.BackpackName;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code /admin/api/system}: the launcher's routes (not for browsers): start-up progress, the
 * platform's backpacks, and creating or deleting one at run time ({@code Platform#addBackpack}).
 * Only from a loopback address, with the key the launcher wrote into the platform's settings file
 * ({@code X-Backpack-System-Key}); 404 otherwise, as if the routes did not exist.
 */
@Path("system")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

  public static final String HEADER = "X-Backpack-System-Key";

  @Inject PlatformConfig config;
  @Inject StartupLog startup;
  @Inject Backpacks backpacks;
  @Context HttpServletRequest request;

  /** {@code {done, failure, lines, next}}: the start-up lines from index {@code since}. */
  @GET
  @Path("startup")
  public String startup(@QueryParam("since") int since) {
    requireLauncher();
    StartupLog.Snapshot snapshot = startup.snapshot(since);
    JsonArrayBuilder lines = Json.createArrayBuilder();
    snapshot.lines().forEach(lines::add);
    JsonObjectBuilder json = Json.createObjectBuilder().add("done", snapshot.done()).add("lines", lines).add("next", snapshot.next());
    if (snapshot.failure() == null) {
      json.addNull("failure");
    } else {
      json.add("failure", snapshot.failure());
    }
    return json.build().toString();
  }

  @GET
  @Path("backpacks")
  public String list() {
    requireLauncher();
    JsonArrayBuilder items = Json.createArrayBuilder();
    backpacks.all().stream().map(BackpackView::toJson).forEach(items::add);
    return Json.createObjectBuilder().add("items", items).build().toString();
  }

  /** Creates the backpack (owned by the platform) unless it exists, and answers when done. */
  @POST
  @Path("backpacks")
  public Response ensure(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    requireLauncher();
    String name = JsonBodies.requiredString(JsonBodies.read(type, body, Set.of("name")), "name");
    BackpackName valid;
    try {
      valid = new BackpackName(name);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("name", e.getMessage());
    }
    Optional<Operation> ended = backpacks.ensure(valid, line -> {});
    JsonObjectBuilder json = Json.createObjectBuilder();
    ended.ifPresentOrElse(o -> json.add("operation", o.toJson(true)), () -> json.addNull("operation"));
    backpacks.view(valid).ifPresentOrElse(v -> json.add("backpack", v.toJson()), () -> json.addNull("backpack"));
    return Response.ok(json.build().toString()).build();
  }

  /** Deletes the backpack and all its data, and answers when done. */
  @DELETE
  @Path("backpacks/{name}")
  public String delete(@PathParam("name") String name) {
    requireLauncher();
    Started started = backpacks.delete(null, name);
    try {
      return Json.createObjectBuilder().add("operation", started.done().get().toJson(true)).build().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("interrupted", 1);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void requireLauncher() {
    Optional<String> expected = config.systemKey();
    String key = request.getHeader(HEADER);
    if (expected.isEmpty() || key == null || !loopback(request.getRemoteAddr())
        || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
      throw ProblemException.notFound("No such route: " + request.getRequestURI() + ". See /admin/api/openapi.");
    }
  }

  static boolean loopback(String address) {
    try {
      return address != null && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
