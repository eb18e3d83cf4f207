package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backpack.embedded.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./backpack} script as a user would, with the real core WAR: a record
 * written before SIGTERM is read back after a restart without {@code --backpack}.
 */
class BackpackScriptTest {

  static final Path ROOT = Path.of(System.getProperty("backpack.launcher.home", "..")).toAbsolutePath().normalize();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  Launched cut;

  @AfterEach
  void kill() throws InterruptedException {
    if (cut != null && cut.process.isAlive()) {
      cut.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRecordSurvivesSigtermAndARestartThatNamesNoBackpack() throws Exception {
    int port = FreePort.orFree(0);
    Path data = tmp.resolve("data");

    cut = launch("--port", Integer.toString(port), "--data-dir", data.toString(), "--backpack", "demo");
    assertEquals("Backpack ready at http://127.0.0.1:" + port + "/ (backpacks: demo)", cut.awaitReady());
    assertTrue(cut.stdout.contains("starting PostgreSQL..."), cut.stdout.toString());
    assertFalse(cut.stdout.contains("MongoDB"), cut.stdout.toString());
    assertTrue(cut.stdout.contains("deploying backpack demo..."), cut.stdout.toString());
    URI demo = URI.create("http://127.0.0.1:" + port + "/demo/");
    assertEquals(200, send(get(demo.resolve("api/health"))).statusCode());

    HttpResponse<String> registered =
        send(post(demo.resolve("api/auth/register"), "{\"email\":\"alice@example.org\",\"password\":\"correct horse battery\"}", null));
    assertEquals(201, registered.statusCode(), registered.body());
    String token = field(registered.body(), "token");
    HttpResponse<String> created = send(post(demo.resolve("api/collections/notes/records"), "{\"text\":\"hi\"}", token));
    assertEquals(201, created.statusCode(), created.body());
    String id = field(created.body(), "id");

    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
    assertTrue(cut.stdout.contains("Backpack stopped"), cut.stdout.toString());

    cut = launch("--port", Integer.toString(port), "--data-dir", data.toString());
    assertEquals("Backpack ready at http://127.0.0.1:" + port + "/ (backpacks: demo)", cut.awaitReady());
    // the session lives in Redis and the record in PostgreSQL: both came back from the data directory
    HttpResponse<String> read = send(get(demo.resolve("api/collections/notes/records/" + id)).header("Authorization", "Bearer " + token));
    assertEquals(200, read.statusCode(), read.body());
    assertEquals("hi", field(read.body(), "text"));

    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
  }

  @Test
  void anInvalidBackpackNameExitsWith2AndSaysWhy() throws Exception {
    cut = launch("--data-dir", tmp.resolve("data").toString(), "--backpack", "Not_Valid");
    assertTrue(cut.process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, cut.process.exitValue());
    assertTrue(cut.stderr().contains("invalid backpack name 'Not_Valid'"), cut.stderr());
    assertTrue(Files.notExists(tmp.resolve("data")), "nothing started, nothing written");
  }

  @Test
  void aReservedNameExitsWith2() throws Exception {
    cut = launch("--backpack", "admin");
    assertTrue(cut.process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, cut.process.exitValue());
    assertTrue(cut.stderr().contains("reserved"), cut.stderr());
  }

  Launched launch(String... args) throws IOException {
    return start(tmp, "-Xmx384m", Map.of(), args);
  }

  /**
   * Starts {@code ./backpack} in {@code dir} on the embedded servers, without a build of its own.
   *
   * @param dir working directory, also for the stderr file
   * @param javaOpts {@code BACKPACK_JAVA_OPTS}
   * @param env more environment
   * @param args the script's arguments
   * @return the running script
   * @throws IOException if it cannot be started
   */
  static Launched start(Path dir, String javaOpts, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("backpack").toString());
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile());
    // Maven has just built everything this test runs; the script must not start a build of its own
    builder.environment().put("BACKPACK_SKIP_BUILD", "1");
    builder.environment().put("BACKPACK_JAVA_OPTS", javaOpts);
    List.of(Services.MONGODB_URI, Services.REDIS_URI, Services.POSTGRES_URL).forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    return new Launched(builder.start(), stderr);
  }

  static final class Launched {
    final Process process;
    final Path stderrFile;
    final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<String> ready = new CompletableFuture<>();
    final Thread reader;

    Launched(Process process, Path stderrFile) {
      this.process = process;
      this.stderrFile = stderrFile;
      reader =
          new Thread(
              () -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    stdout.add(line);
                    if (line.contains("ready")) {
                      ready.complete(line);
                    }
                  }
                } catch (IOException e) {
                  ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("stdout closed before the ready line"));
              });
      reader.setDaemon(true);
      reader.start();
    }

    String awaitReady() throws Exception {
      try {
        return ready.get(180, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail("no ready line: " + e + "\nstdout: " + stdout + "\nstderr: " + stderr());
        return null;
      }
    }

    /**
     * SIGTERM, then the exit status. Sent with kill(1): {@link Process#destroy()} also sends
     * SIGTERM but closes our end of the child's stdout, so its last lines would be lost.
     */
    int stop() throws Exception {
      Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -TERM");
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        fail("still running 90 s after SIGTERM");
      }
      reader.join(10_000); // the last lines may still be in the pipe
      return process.exitValue();
    }

    String stderr() {
      try {
        return Files.readString(stderrFile);
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  static HttpRequest.Builder get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
  }

  static HttpRequest.Builder post(URI uri, String json, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A top-level string field of a JSON body (the tests need no JSON library for that). */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      fail("no \"" + name + "\" in " + json);
    }
    return m.group(1);
  }
}
