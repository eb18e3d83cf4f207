package dev.backpack.admin.platform.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /admin/api/openapi}: the OpenAPI 3.1 description of the platform API, with this platform's URL as its server. */
@Path("openapi")
public class OpenApiResource {

  static final String DOCUMENT = "/dev/backpack/admin/openapi/openapi.yaml";

  @GET
  @Produces({"application/yaml", "text/plain"})
  public Response document(@Context UriInfo uri) {
    String base = uri.getBaseUri().toString();
    String server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return Response.ok(template().replace("${server}", server)).type("application/yaml; charset=utf-8").build();
  }

  static String template() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
