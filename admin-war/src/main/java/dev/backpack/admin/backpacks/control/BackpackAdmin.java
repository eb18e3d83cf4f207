package dev.backpack.admin.backpacks.control;

import dev.backpack.admin.backpacks.entity.Registration;
import dev.backpack.admin.drivers.control.BackpackDriver;
import dev.backpack.admin.drivers.control.DriverException;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls one backpack's API with its admin key, over the driver's internal URL (loopback
 * in-process), for the browse routes. The browser never sees the key: it is added here and no
 * header of the browser's request is passed on except the few a download needs.
 */
@ApplicationScoped
public class BackpackAdmin {

  /** A backpack's answer, passed on: status, the headers worth passing, the body as a stream. */
  public record Reply(int status, Map<String, String> headers, InputStream body) {}

  /** The header the backpack admin API checks. */
  static final String ADMIN_KEY = "X-Backpack-Admin-Key";

  /** Headers of a backpack's answer that reach the browser. */
  static final Set<String> PASSED_BACK =
      Set.of("content-type", "content-length", "content-range", "accept-ranges", "etag", "last-modified", "content-disposition", "retry-after", "cache-control", "location");

  /** Headers of the browser's request that reach the backpack. */
  public static final Set<String> PASSED_ON = Set.of("Range", "If-Range", "If-None-Match");

  @Inject BackpackDriver driver;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  /**
   * Sends one request to a backpack.
   *
   * @param backpack the backpack (its name and admin key)
   * @param method HTTP method
   * @param path path segments below the backpack's base, each percent-encoded here (so a hostile
   *     id cannot climb to another route: {@code ..}, {@code /} and {@code %} stay inside one
   *     segment)
   * @param query query parameters (null values left out), in order
   * @param body the body, or null
   * @param contentType its media type, or null
   * @param headers more request headers (only names in {@link #PASSED_ON} are sent)
   * @return the answer
   * @throws ProblemException 404 for a path segment that is empty or a dot segment, 503 when the
   *     backpack does not answer
   */
  public Reply send(Registration backpack, String method, List<String> path, Map<String, String> query, byte[] body, String contentType, Map<String, String> headers) {
    URI base;
    try {
      base = driver.internalUrl(backpack.name());
    } catch (DriverException e) {
      throw ProblemException.unavailable("The backpack '" + backpack.name() + "' is not reachable: " + e.getMessage() + " Retry shortly.", 5);
    }
    StringBuilder target = new StringBuilder(base.toString());
    for (int i = 0; i < path.size(); i++) {
      String segment = path.get(i);
      if (segment == null || segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw ProblemException.notFound("No such item.");
      }
      target.append(i == 0 ? "" : "/").append(encode(segment));
    }
    StringBuilder q = new StringBuilder();
    query.forEach(
        (k, v) -> {
          if (v != null) {
            q.append(q.length() == 0 ? "?" : "&").append(encode(k)).append('=').append(encode(v));
          }
        });
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + q.toString()))
            .timeout(Duration.ofSeconds(30))
            .header(ADMIN_KEY, backpack.adminKey())
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(
        (k, v) -> {
          if (v != null && PASSED_ON.contains(k)) {
            request.header(k, v);
          }
        });
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw ProblemException.unavailable("The backpack '" + backpack.name() + "' did not answer in time; retry shortly.", 5);
    } catch (IOException e) {
      throw ProblemException.unavailable("The backpack '" + backpack.name() + "' is not reachable (is it up?); retry shortly.", 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Interrupted; retry.", 1);
    }
    Map<String, String> passed = new LinkedHashMap<>();
    response.headers().map().forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (PASSED_BACK.contains(lower) && !values.isEmpty()) {
            passed.put(name, lower.equals("location") ? relocate(values.get(0), base, backpack) : values.get(0));
          }
        });
    passed.values().removeIf(v -> v == null);
    return new Reply(response.statusCode(), passed, response.body());
  }

  // the backpack's own URL of something created through the proxy, as the proxy's URL
  private static String relocate(String location, URI base, Registration backpack) {
    String admin = base + "api/admin/";
    String platform = "/admin/api/backpacks/" + backpack.name() + "/";
    if (location.startsWith(admin)) {
      return platform + location.substring(admin.length());
    }
    String records = base + "api/";
    if (location.startsWith(records)) {
      return platform + location.substring(records.length());
    }
    return null;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
