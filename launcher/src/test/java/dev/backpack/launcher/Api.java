package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client of the platform API as a script or the SPA would use it: JSON bodies, {@code
 * X-Requested-With} on writes, a bearer token once signed in. Answers are parsed with the
 * launcher's own small {@link Json} reader (no JSON library on the class path Payara inherits).
 */
final class Api {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final URI base;
  String token;

  Api(URI platform) {
    this.base = platform.resolve("admin/api/");
  }

  /** An answer: status, headers, body, and the body as JSON. */
  record Answer(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    Map<String, Object> json() {
      return Json.object(response.body());
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) (List<?>) json().get("items");
    }

    String string(String field) {
      Object value = json().get(field);
      return value == null ? null : value.toString();
    }

    /** Asserts the status, showing the body when it differs. */
    Answer expect(int expected) {
      assertEquals(expected, status, () -> response.request().method() + " " + response.request().uri() + " -> " + body());
      return this;
    }

    /** Asserts a problem+json with that status. */
    Answer problem(int expected) {
      expect(expected);
      String type = header("Content-Type");
      assertTrue(type != null && type.startsWith("application/problem+json"), "problem+json, not " + type + ": " + body());
      Map<String, Object> problem = json();
      assertEquals((long) expected, problem.get("status"));
      assertTrue(problem.get("detail") instanceof String detail && !detail.isBlank(), body());
      assertTrue(!body().contains("Exception") && !body().contains("<html"), "no stack trace, no HTML: " + body());
      return this;
    }
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer delete(String path) {
    return send(request(path).DELETE().header("X-Requested-With", "test"));
  }

  Answer post(String path, String json) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").header("X-Requested-With", "test"));
  }

  Answer put(String path, String json) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").header("X-Requested-With", "test"));
  }

  Answer patch(String path, String json) {
    return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").header("X-Requested-With", "test"));
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      return fail("no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Signs up and keeps the token. */
  Api register(String email) {
    Answer answer = post("auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(201);
    token = answer.string("token");
    return this;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** Creates a backpack and waits for its operation's end; returns the ended operation. */
  Map<String, Object> createAndWait(String name) {
    Answer started = post("backpacks", "{\"name\":\"" + name + "\"}").expect(202);
    return awaitOperation(started.string("id"));
  }

  Map<String, Object> deleteAndWait(String name) {
    Answer started = delete("backpacks/" + name).expect(202);
    return awaitOperation(started.string("id"));
  }

  Map<String, Object> awaitOperation(String id) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> operation = get("operations/" + id).expect(200).json();
      if (!"running".equals(operation.get("state"))) {
        return operation;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("operation " + id + " did not end");
  }
}
