package dev.backpack.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A tiny HTTP client for one backpack, speaking to it over real HTTP as a browser would. */
public final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;
  private final String[] defaults;

  /**
   * A client for the URL Arquillian injects, on the loopback address: Payara Micro reports the
   * machine's first interface, but tests speak only to 127.0.0.1.
   */
  public Api(URL base) {
    this(loopback(base));
  }

  private static String loopback(URL url) {
    return url.getProtocol() + "://127.0.0.1:" + url.getPort() + url.getPath();
  }

  public Api(String base) {
    this(base, new String[0]);
  }

  private Api(String base, String[] defaults) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.defaults = defaults;
  }

  /** This client, sending the given session token as a bearer token. */
  public Api withToken(String token) {
    return new Api(base, new String[] {"Authorization", "Bearer " + token});
  }

  /** This client, sending the backpack admin key of the test deployments. */
  public Api asAdmin() {
    return new Api(base, new String[] {"X-Backpack-Admin-Key", Deployments.ADMIN_KEY});
  }

  /** Registers a new user and returns a client signed in as that user. */
  public Api newUser(String email) {
    Reply reply = post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
    assertEquals(201, reply.status(), reply::body);
    return withToken(reply.json().getString("token"));
  }

  /** The id of the user this client is signed in as. */
  public String userId() {
    return get("/api/auth/me").json().getJsonObject("user").getString("id");
  }

  /** An HTTP answer. */
  public record Reply(int status, HttpResponse<String> raw) {

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public JsonObject json() {
      return Json.createReader(new StringReader(body())).readObject();
    }

    public JsonArray jsonArray() {
      return Json.createReader(new StringReader(body())).readArray();
    }

    /** Asserts the status and the problem+json shape of API.md; returns the problem. */
    public JsonObject problem(int expectedStatus) {
      assertEquals(expectedStatus, status, () -> "status of " + body());
      assertTrue(
          header("Content-Type") != null && header("Content-Type").startsWith("application/problem+json"),
          () -> "content type " + header("Content-Type") + " of " + body());
      JsonObject problem = json();
      assertEquals(expectedStatus, problem.getInt("status"));
      assertFalse(problem.getString("type").isBlank());
      assertFalse(problem.getString("title").isBlank());
      assertFalse(problem.getString("detail").isBlank());
      assertFalse(body().contains("Exception"), () -> "leaks an exception: " + body());
      assertFalse(body().contains("\tat "), () -> "leaks a stack trace: " + body());
      return problem;
    }
  }

  public String base() {
    return base;
  }

  public static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public Reply get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public Reply delete(String path, String... headers) {
    return send("DELETE", path, null, null, headers);
  }

  public Reply post(String path, String json, String... headers) {
    return send("POST", path, "application/json", json, headers);
  }

  public Reply put(String path, String json, String... headers) {
    return send("PUT", path, "application/json", json, headers);
  }

  public Reply patch(String path, String json, String... headers) {
    return send("PATCH", path, "application/json", json, headers);
  }

  /** Any request; {@code contentType} null sends none; headers are name/value pairs. */
  public Reply send(String method, String path, String contentType, String body, String... headers) {
    return sendBytes(
        method,
        path,
        contentType,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  public Reply sendBytes(
      String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < defaults.length; i += 2) {
      request.header(defaults[i], defaults[i + 1]);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a body without Content-Length (chunked), piece by piece. */
  public Reply sendChunked(String method, String path, String contentType, List<String> pieces) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .headers(defaults.length == 0 ? new String[] {"X-Test", "1"} : defaults)
            .method(
                method,
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new java.io.SequenceInputStream(
                            java.util.Collections.enumeration(
                                pieces.stream()
                                    .map(p -> (java.io.InputStream) new java.io.ByteArrayInputStream(p.getBytes(StandardCharsets.UTF_8)))
                                    .toList()))))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** All records of a collection, following {@code next} through every page. */
  public List<JsonObject> all(String collection, String query) {
    List<JsonObject> items = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 10_000; page++) {
      String path =
          "/api/collections/" + collection + "/records?" + query + (after == null ? "" : "&after=" + enc(after));
      Reply reply = get(path);
      assertEquals(200, reply.status(), reply::body);
      JsonObject json = reply.json();
      json.getJsonArray("items").forEach(v -> items.add(v.asJsonObject()));
      if (json.isNull("next")) {
        return items;
      }
      after = json.getString("next");
    }
    throw new AssertionError("pagination does not end");
  }

  public static boolean isNull(JsonObject object, String name) {
    return !object.containsKey(name) || object.get(name).getValueType() == JsonValue.ValueType.NULL;
  }
}
