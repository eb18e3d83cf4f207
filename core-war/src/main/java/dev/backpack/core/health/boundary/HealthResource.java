package dev.backpack.core.health.boundary;

import dev.backpack.core.health.control.BackendChecks;
import dev.backpack.core.json.control.JsonWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}: 200 UP when database and Redis answer, else 503 with the checks. */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @Inject BackendChecks checks;

  @GET
  public Response health() {
    Map<String, Boolean> results = checks.check();
    if (!results.containsValue(false)) {
      return Response.ok(JsonWriter.write(Map.of("status", "UP")))
          .header("Cache-Control", "no-store")
          .build();
    }
    List<Map<String, Object>> list =
        results.entrySet().stream()
            .map(
                e -> {
                  Map<String, Object> check = new LinkedHashMap<>();
                  check.put("name", e.getKey());
                  check.put("status", e.getValue() ? "UP" : "DOWN");
                  return check;
                })
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "DOWN");
    body.put("checks", list);
    return Response.status(503)
        .entity(JsonWriter.write(body))
        .header("Retry-After", "5")
        .header("Cache-Control", "no-store")
        .build();
  }
}
