package dev.backpack.servertests;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP client as a browser or a script would use it: a base URL on 127.0.0.1, default
 * headers (a bearer token, an admin key), JSON bodies.
 */
final class Http {

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;
  private final List<String> headers;

  Http(String base) {
    this(base, List.of());
  }

  private Http(String base, List<String> headers) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.headers = headers;
  }

  String base() {
    return base;
  }

  /** This client with one more header on every request. */
  Http with(String name, String value) {
    List<String> more = new ArrayList<>(headers);
    more.add(name);
    more.add(value);
    return new Http(base, List.copyOf(more));
  }

  Http bearer(String token) {
    return with("Authorization", "Bearer " + token);
  }

  /** An answer. */
  record Reply(int status, HttpResponse<String> raw) {

    String body() {
      return raw.body();
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    List<String> headers(String name) {
      return raw.headers().allValues(name);
    }

    JsonObject json() {
      try {
        return Json.createReader(new StringReader(body())).readObject();
      } catch (RuntimeException notJson) {
        throw new AssertionError("not a JSON object (" + status + "): " + body(), notJson);
      }
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, "application/json", json);
  }

  Reply send(String method, String path, String contentType, String body) {
    return sendBytes(
        method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  Reply sendBytes(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(120))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + base + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart/form-data upload of one file field. */
  Reply upload(String path, String fileName, String contentType, byte[] content) {
    String boundary = "----backpack" + System.nanoTime();
    var out = new java.io.ByteArrayOutputStream();
    String head =
        "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
            + "Content-Type: " + contentType + "\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return sendBytes("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  /**
   * Polls {@code GET path} until it answers {@code status} or the time is up.
   *
   * @return the last answer
   */
  Reply await(String path, int status, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    Reply last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = get(path);
        if (last.status() == status) {
          return last;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("GET " + base + path + " did not answer " + status + " within " + within + ": " + last);
  }
}
