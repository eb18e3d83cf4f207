package dev.backpack.admin.backpacks.boundary;

import dev.backpack.admin.backpacks.control.BackpackAdmin;
import dev.backpack.admin.backpacks.control.BackpackAdmin.Reply;
import dev.backpack.admin.json.control.JsonBodies;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a backpack's {@link Reply} into the platform's response, status and body unchanged. */
final class Forward {

  /** Largest body passed on to a backpack (a record may be 1 MiB by default; the backpack decides). */
  static final int MAX_BODY = 2 * 1024 * 1024;

  private Forward() {}

  static Response response(Reply reply) {
    Response.ResponseBuilder builder = Response.status(reply.status()).entity(reply.body());
    reply.headers().forEach(builder::header);
    if (!reply.headers().keySet().stream().anyMatch("cache-control"::equalsIgnoreCase)) {
      builder.header("Cache-Control", "no-store");
    }
    return builder.build();
  }

  /** A JSON body to pass on: JSON media type (415), at most {@value #MAX_BODY} bytes (413). */
  static byte[] json(String contentType, InputStream body, int limit) {
    JsonBodies.requireJson(contentType);
    return JsonBodies.readLimited(body, limit);
  }

  /** The request headers a download passes on ({@link BackpackAdmin#PASSED_ON}). */
  static Map<String, String> downloadHeaders(HttpHeaders headers) {
    Map<String, String> passed = new LinkedHashMap<>();
    BackpackAdmin.PASSED_ON.forEach(name -> passed.put(name, headers.getHeaderString(name)));
    return passed;
  }

  static Map<String, String> query(String... namesAndValues) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      query.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return query;
  }
}
