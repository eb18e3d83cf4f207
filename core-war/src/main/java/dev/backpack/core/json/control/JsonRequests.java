package dev.backpack.core.json.control;

import dev.backpack.core.problems.entity.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;
import java.util.Set;
import org.bson.Document;

/** Small JSON command bodies (auth, collections, admin): JSON only, size-limited, known fields. */
public final class JsonRequests {

  public static final int MAX_BYTES = 16 * 1024;

  private JsonRequests() {}

  public static Document read(HttpHeaders headers, InputStream body, Set<String> allowed) {
    JsonBodies.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    Document request =
        JsonBodies.parseObject(JsonBodies.readLimited(body, headers.getLength(), MAX_BYTES));
    for (String key : request.keySet()) {
      if (!allowed.contains(key)) {
        throw ProblemException.invalid(
            key, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return request;
  }
}
