package dev.backpack.core.files.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backpack.core.files.boundary.Multipart.Downloaded;
import dev.backpack.core.files.boundary.Multipart.Streamed;
import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Files against Payara Micro processes this test starts itself, because the managed Arquillian
 * container gives every class the same JVM options and one deployment per process:
 *
 * <ol>
 *   <li>a 200 MiB upload and download on a Payara Micro with {@code -Xmx64m} (and {@code
 *       -XX:+ExitOnOutOfMemoryError}, so holding the file in memory could not go unnoticed);
 *   <li>a real crash ({@code kill -9}) in the middle of an upload, plus the other orphans a crash
 *       can leave, cleaned up and logged at the next start;
 *   <li>two backpacks in one process, as the platform runs them: no id or path of one reaches the
 *       bytes of the other; one of them only accepts images.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesOnDiskIT {

  static final long MIB = 1024 * 1024;
  static final long LARGE = 200 * MIB;
  static final String A = "disk-a";
  static final String B = "disk-b";
  static final String SCHEMA_A = "it_disk_a_" + UUID.randomUUID().toString().substring(0, 8);
  static final String SCHEMA_B = "it_disk_b_" + UUID.randomUUID().toString().substring(0, 8);

  static Path work;
  static Payara payara;

  // carried from one step to the next
  static String token;
  static String largeId;
  static String largeSha;
  static String doomedId;
  static String orphanId = "0000000000ff" + "ab".repeat(10);

  @BeforeAll
  static void wars() throws IOException {
    work = Files.createTempDirectory("files-on-disk");
    Map<String, String> limits = new java.util.HashMap<>(TestBackends.postgres(SCHEMA_A));
    limits.put("backpack.files.max-bytes", Long.toString(256 * MIB));
    limits.put("backpack.files.quota-bytes", Long.toString(1024 * MIB));
    limits.put("backpack.auth.registrations-per-address", "1000");
    Map<String, String> imagesOnly = new java.util.HashMap<>(TestBackends.postgres(SCHEMA_B));
    imagesOnly.put("backpack.files.allowed-types", "image/*");
    imagesOnly.put("backpack.auth.registrations-per-address", "1000");
    Deployments.backpack(A, limits)
        .as(ZipExporter.class)
        .exportTo(work.resolve(A + ".war").toFile(), true);
    Deployments.backpack(B, imagesOnly)
        .as(ZipExporter.class)
        .exportTo(work.resolve(B + ".war").toFile(), true);
  }

  @AfterAll
  static void stop() throws IOException {
    if (payara != null) {
      payara.kill();
    }
    for (Path tree : List.of(work, dir(A), dir(B))) {
      if (Files.exists(tree)) {
        try (Stream<Path> files = Files.walk(tree)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  static Path dir(String backpack) {
    return TestBackends.dir().resolve(backpack);
  }

  static List<String> onDisk(String backpack) {
    try (Stream<Path> files = Files.list(dir(backpack))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @Order(1)
  void a200MiBFileGoesUpAndComesBackThroughA64MiBHeap() throws Exception {
    payara = Payara.start(work, "-Xmx64m", A);
    Api api = payara.api(A);
    Reply registered =
        api.post("/api/auth/register", "{\"email\":\"big@example.com\",\"password\":\"correct horse battery\"}");
    assertEquals(201, registered.status(), registered::body);
    token = registered.json().getString("token");

    Payara.Heap booted = payara.heap(0);
    long started = System.nanoTime();
    Streamed up = Multipart.uploadGenerated(api.base(), token, LARGE, 42);
    long upMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(201, up.status(), up.body());
    JsonObject meta = Json.createReader(new StringReader(up.body())).readObject();
    assertEquals(LARGE, meta.getJsonNumber("size").longValue());
    assertEquals(up.sentSha256(), meta.getString("sha256"));
    largeId = meta.getString("id");
    largeSha = up.sentSha256();

    started = System.nanoTime();
    Downloaded down = Multipart.download(api.base() + "/api/files/" + largeId, "Authorization", "Bearer " + token);
    long downMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(200, down.status());
    assertEquals(LARGE, down.length());
    assertEquals(largeSha, down.sha256());
    assertTrue(payara.alive(), "Payara survived with -Xmx64m");
    Payara.Heap during = payara.heap(booted.collections());
    System.out.printf(
        "FilesOnDiskIT: -Xmx64m; after boot at most %d MiB live after a GC; 200 MiB up in %d ms and"
            + " down in %d ms with %d GCs, heap capacity at most %d MiB, at most %d MiB live after a"
            + " GC%n",
        booted.maxAfterMiB(), upMillis, downMillis, during.collections(), during.maxCapacityMiB(),
        during.maxAfterMiB());
    assertTrue(during.maxCapacityMiB() <= 64, "heap " + during);

    Reply doomed = Multipart.upload(api.withToken(token), "doomed.txt", "text/plain", "lost".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, doomed.status(), doomed::body);
    doomedId = doomed.json().getString("id");
  }

  @Test
  @Order(2)
  void aCrashMidUploadIsCleanedUpAtTheNextStart() throws Exception {
    Multipart form = new Multipart().file("interrupted.bin", "application/octet-stream");
    long size = 100 * MIB;
    try (RawHttp http = new RawHttp(payara.api(A).base())) {
      http.head(
          "POST", "/api/files",
          "Content-Type", form.contentType(),
          "Content-Length", Long.toString(form.prefix().length + size + form.suffix().length),
          "Authorization", "Bearer " + token);
      http.write(form.prefix());
      byte[] piece = Multipart.random((int) MIB, 7);
      for (int i = 0; i < 20; i++) {
        http.write(piece);
      }
      long deadline = System.currentTimeMillis() + 30_000;
      while (temporaryBytes(A) < 10 * MIB && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(temporaryBytes(A) >= 10 * MIB, "the upload is on disk as it arrives");
      payara.kill();
    }
    // the other orphans a crash can leave: bytes renamed but never recorded, metadata whose bytes are lost
    Files.writeString(dir(A).resolve(orphanId), "bytes without metadata");
    Files.delete(dir(A).resolve(doomedId));
    assertTrue(onDisk(A).stream().anyMatch(n -> n.endsWith(".tmp")), "the crash left a temporary file");

    payara = Payara.start(work, "-Xmx256m", A, B);
    String log = payara.log();
    assertTrue(log.matches("(?s).*files: removed upload-[^ ]+\\.tmp \\(\\d+ bytes\\), an upload that never finished.*"), "logged the unfinished upload");
    assertTrue(log.contains("files: removed the bytes of " + orphanId), "logged the bytes without metadata");
    assertTrue(log.contains("files: removed the metadata of " + doomedId), "logged the metadata without bytes");
    assertEquals(List.of(largeId), onDisk(A), "only the real file is left");
    assertEquals(List.of(largeId), fileIds(SCHEMA_A), "only the real file's metadata is left");

    Downloaded again = Multipart.download(payara.api(A).base() + "/api/files/" + largeId, "Authorization", "Bearer " + token);
    assertEquals(largeSha, again.sha256(), "the finished file survived kill -9 intact");
  }

  @Test
  @Order(3)
  void twoBackpacksInOneProcessNeverShareBytes() {
    Api a = payara.api(A);
    Api b = payara.api(B);
    Api bAdmin = b.asAdmin();
    assertEquals(401, b.get("/api/files", "Authorization", "Bearer " + token).status(), "A's session means nothing to B");
    String[] paths = {
      "/api/files/" + largeId,
      "/api/files/" + largeId + "/meta",
      "/api/files/..%2F" + A + "%2F" + largeId,
      "/api/files/..%2F..%2F..%2F" + A + "%2F" + largeId,
      "/api/files/%2e%2e%2f%2e%2e%2f" + A + "%2f" + largeId,
      "/api/files/..%5C..%5C" + A + "%5C" + largeId,
    };
    for (String path : paths) {
      for (Api who : List.of(b, bAdmin)) {
        Reply reply = who.get(path);
        assertTrue(reply.status() == 404 || reply.status() == 400, path + " → " + reply.status());
        assertTrue(reply.body().length() < 10_000, path);
      }
    }
    bAdmin.delete("/api/admin/files/" + largeId).problem(404);
    assertEquals(0, bAdmin.get("/api/admin/files").json().getJsonArray("items").size());
    assertEquals(1, a.asAdmin().get("/api/admin/files").json().getJsonArray("items").size());

    Reply registered = b.post("/api/auth/register", "{\"email\":\"b@example.com\",\"password\":\"correct horse battery\"}");
    Api bUser = b.withToken(registered.json().getString("token"));
    Multipart.upload(bUser, "notes.txt", "text/plain", "text".getBytes(StandardCharsets.UTF_8)).problem(415);
    byte[] png = new byte[100];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
    Reply image = Multipart.upload(bUser, "pixel.png", "image/png", png);
    assertEquals(201, image.status(), image::body);
    String bId = image.json().getString("id");
    assertEquals(List.of(bId), onDisk(B), "B's bytes are in B's directory only");
    assertFalse(onDisk(A).contains(bId));
    a.asAdmin().get("/api/files/" + bId).problem(404);
    assertEquals(List.of(largeId), onDisk(A));
  }

  static long temporaryBytes(String backpack) {
    long bytes = 0;
    for (String name : onDisk(backpack)) {
      if (name.endsWith(".tmp")) {
        try {
          bytes += Files.size(dir(backpack).resolve(name));
        } catch (IOException gone) {
          // finished meanwhile
        }
      }
    }
    return bytes;
  }

  /** A Payara Micro process with some backpacks, its console in a file, its GC log in another. */
  static final class Payara {

    record Heap(long maxCapacityMiB, long maxAfterMiB, int collections) {}

    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final Process process;
    final int port;
    final Path log;
    final Path gcLog;

    private Payara(Process process, int port, Path log, Path gcLog) {
      this.process = process;
      this.port = port;
      this.log = log;
      this.gcLog = gcLog;
    }

    static Payara start(Path work, String heap, String... backpacks) throws Exception {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      String run = "run-" + System.nanoTime();
      Path root = Files.createDirectories(work.resolve(run));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  heap,
                  "-XX:+ExitOnOutOfMemoryError",
                  "-Xlog:gc:file=" + root.resolve("gc.log"),
                  "-jar",
                  System.getProperty("payara.microJar"),
                  "--nocluster",
                  "--disablephonehome",
                  "--rootdir",
                  root.resolve("payara").toString(),
                  "--port",
                  Integer.toString(port)));
      for (String backpack : backpacks) {
        command.add("--deploy");
        command.add(work.resolve(backpack + ".war").toString());
      }
      Path log = root.resolve("console.log");
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Payara payara = new Payara(process, port, log, root.resolve("gc.log"));
      long deadline = System.currentTimeMillis() + 240_000;
      for (String backpack : backpacks) {
        while (true) {
          if (!process.isAlive()) {
            fail("Payara Micro ended during start-up:\n" + tail(payara.log()));
          }
          if (System.currentTimeMillis() > deadline) {
            payara.kill();
            fail("Payara Micro did not start in time:\n" + tail(payara.log()));
          }
          try {
            if (payara.api(backpack).get("/api/health").status() == 200) {
              break;
            }
          } catch (UncheckedIOException notYet) {
            // not listening yet
          }
          Thread.sleep(250);
        }
      }
      return payara;
    }

    Api api(String backpack) {
      return new Api("http://127.0.0.1:" + port + "/" + backpack);
    }

    boolean alive() {
      return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no clean-up, like a power cut for the process. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String log() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The heap over the collections logged after the first {@code skip} ones. */
    Heap heap(int skip) throws IOException {
      long capacity = 0;
      long after = 0;
      int count = 0;
      int seen = 0;
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC.matcher(line);
        if (m.find() && ++seen > skip) {
          after = Math.max(after, Long.parseLong(m.group(2)));
          capacity = Math.max(capacity, Long.parseLong(m.group(3)));
          count++;
        }
      }
      return new Heap(capacity, after, count);
    }

    static String tail(String text) {
      return text.length() > 5000 ? text.substring(text.length() - 5000) : text;
    }
  }

  /** The ids of a backpack's file metadata, read as the server's superuser. */
  static List<String> fileIds(String schema) {
    try (java.sql.Connection c = TestBackends.superuser();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT id FROM \"" + schema + "\".files ORDER BY id")) {
      List<String> ids = new java.util.ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
