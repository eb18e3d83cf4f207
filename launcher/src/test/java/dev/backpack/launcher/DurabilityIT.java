package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.embedded.FreePort;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives a crash: {@code ./backpack} under write load from 16 clients (14
 * creating records, 2 uploading files) is killed with SIGKILL; the embedded PostgreSQL and Redis it
 * had started stop by themselves (its watchdog), and it starts again on the same data directory at
 * the first try. Every record and file that had been answered 201 is there, whole, and every
 * record and file the backpack lists is whole (no record without its body, no file without its
 * bytes).
 */
class DurabilityIT {

  static final int RECORD_WRITERS = 14;
  static final int FILE_WRITERS = 2;
  static final long LOAD_MILLIS = 8_000;
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]+)\"");

  @TempDir Path tmp;

  BackpackScriptTest.Launched cut;

  @AfterEach
  void kill() throws InterruptedException {
    if (cut != null && cut.process.isAlive()) {
      cut.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
    int port = FreePort.orFree(0);
    Path data = tmp.resolve("data");
    URI base = URI.create("http://127.0.0.1:" + port + "/dura/");
    cut = launch(port, data);
    cut.awaitReady();
    String token = register(base);

    Map<String, String> records = new ConcurrentHashMap<>();
    Map<String, String> files = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < RECORD_WRITERS + FILE_WRITERS; w++) {
      int writer = w;
      Thread thread =
          new Thread(
              () -> {
                for (int n = 0; running.get(); n++) {
                  String text = "writer " + writer + " write " + n + " " + "x".repeat(150);
                  try {
                    if (writer < RECORD_WRITERS) {
                      HttpResponse<String> created = post(base.resolve("api/collections/notes/records"), token, "application/json", ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
                      if (created.statusCode() == 201) {
                        records.put(idOf(created.body()), text);
                      }
                    } else {
                      byte[] bytes = (text + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
                      String boundary = "b" + writer + "x" + n;
                      HttpResponse<String> uploaded = post(base.resolve("api/files"), token, "multipart/form-data; boundary=" + boundary, multipart(boundary, bytes));
                      if (uploaded.statusCode() == 201) {
                        files.put(idOf(uploaded.body()), sha256(bytes));
                      }
                    }
                  } catch (Exception broken) {
                    // the server is gone: nothing was acknowledged
                  }
                }
              });
      thread.start();
      writers.add(thread);
    }
    Thread.sleep(LOAD_MILLIS);
    Set<Long> killed = killTheLauncher(data);
    running.set(false);
    for (Thread writer : writers) {
      writer.join(30_000);
    }
    assertTrue(records.size() > 100, "the load acknowledged only " + records.size() + " records");
    assertTrue(!files.isEmpty(), "the load acknowledged no file");

    cut = launch(port, data);
    cut.awaitReady();
    assertTrue(killed.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)), "nothing of the first run is left");
    String key = adminKey(data);

    Map<String, String> stored = listAll(base, key);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> record : records.entrySet()) {
      String text = stored.get(record.getKey());
      if (!record.getValue().equals(text)) {
        missing.add(record.getKey() + " (found " + text + ")");
      }
    }
    assertEquals(List.of(), missing, missing.size() + " of " + records.size() + " acknowledged records are missing or changed");
    for (Map.Entry<String, String> record : stored.entrySet()) {
      assertTrue(record.getValue() != null && record.getValue().startsWith("writer "), "a whole record: " + record);
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      HttpResponse<byte[]> download = Api.HTTP.send(HttpRequest.newBuilder(base.resolve("api/files/" + file.getKey())).header("X-Backpack-Admin-Key", key).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, download.statusCode(), "acknowledged file " + file.getKey());
      assertEquals(file.getValue(), sha256(download.body()), "the bytes of " + file.getKey());
    }
    assertEquals(0, cut.stop(), "exit status after SIGTERM\n" + cut.stderr());
  }

  /**
   * SIGKILL to the launcher's JVM alone, then waits until every process it had started (the
   * embedded PostgreSQL with its backends, redis-server, the watchdog) is gone: the watchdog's
   * work, since nothing else stops them once their launcher died.
   */
  Set<Long> killTheLauncher(Path data) throws Exception {
    List<ProcessHandle> started = new ArrayList<>();
    ProcessHandle jvm = cut.process.toHandle();
    jvm.descendants().forEach(started::add);
    Path postmaster = data.resolve("postgres/data/postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
    ProcessHandle.of(pid).ifPresent(p -> {
      started.add(p);
      p.descendants().forEach(started::add);
    });
    assertTrue(started.stream().anyMatch(p -> p.info().command().orElse("").contains("redis-server")), "redis-server runs: " + started);
    jvm.destroyForcibly();
    jvm.onExit().get(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<String> left = started.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    assertEquals(List.of(), left, "processes of the killed launcher still running");
    Set<Long> pids = ConcurrentHashMap.newKeySet();
    started.forEach(p -> pids.add(p.pid()));
    pids.add(jvm.pid());
    return pids;
  }

  BackpackScriptTest.Launched launch(int port, Path data) throws Exception {
    return BackpackScriptTest.start(tmp, "-Xmx512m", Map.of(), "--port", Integer.toString(port), "--data-dir", data.toString(), "--backpack", "dura");
  }

  static String register(URI base) throws Exception {
    HttpResponse<String> registered = post(base.resolve("api/auth/register"), null, "application/json", "{\"email\":\"dura@example.org\",\"password\":\"correct horse battery\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, registered.statusCode(), registered.body());
    Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(registered.body());
    assertTrue(token.find(), registered.body());
    return token.group(1);
  }

  static HttpResponse<String> post(URI uri, String token, String type, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(java.time.Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static byte[] multipart(String boundary, byte[] bytes) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n.txt\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  static String idOf(String json) {
    Matcher id = ID.matcher(json);
    return id.find() ? id.group(1) : null;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The backpack's admin key, from its settings file. */
  static String adminKey(Path data) throws Exception {
    Properties settings = new Properties();
    try (var in = Files.newInputStream(data.resolve("backpacks/dura/app/WEB-INF/classes/META-INF/backpack.properties"))) {
      settings.load(in);
    }
    return settings.getProperty("backpack.admin.key");
  }

  /** Every record of {@code notes} (id → text), through the admin API, page by page. */
  static Map<String, String> listAll(URI base, String key) throws Exception {
    Map<String, String> all = new HashMap<>();
    Pattern item = Pattern.compile("\\{\"id\":\"([0-9a-f]{24})\",\"text\":\"([^\"]*)\"");
    Pattern next = Pattern.compile("\"next\":\"([^\"]+)\"");
    String after = null;
    do {
      URI page = base.resolve("api/admin/collections/notes/records?limit=1000" + (after == null ? "" : "&after=" + after));
      HttpResponse<String> listed = Api.HTTP.send(HttpRequest.newBuilder(page).header("X-Backpack-Admin-Key", key).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, listed.statusCode(), listed.body());
      Matcher m = item.matcher(listed.body());
      while (m.find()) {
        all.put(m.group(1), m.group(2));
      }
      Matcher n = next.matcher(listed.body());
      after = n.find() ? n.group(1) : null;
    } while (after != null);
    return all;
  }
}
