package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backpack.embedded.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swarm driver end to end on this machine's single-node swarm: the platform (the real launcher
 * with admin-war, {@code backpack.driver=swarm}) creates a backpack as Swarm services from the
 * images {@code docker/build-images} built (core-war on Payara Micro, and stand-ins for PostgreSQL,
 * MongoDB and Redis, whose official images cannot be pulled here); a user registers and writes
 * through the backpack's API over a host-mode port of each core task; the backpack scales to two
 * replicas and a realtime change crosses them; its records are in its own PostgreSQL service and
 * survive that service's restart; a platform restarted with {@code backpack.swarm.engine=mongodb}
 * keeps the backpack on PostgreSQL and creates a new one on MongoDB; deleting either leaves
 * nothing in Docker. Traefik cannot run here: its
 * labels are checked against Traefik's label schema in {@code SwarmServicesTest}. Where Docker
 * cannot run, {@code scripts/docker-up} exits 3 and this class is reported as skipped, with why.
 */
class SwarmIT {

  static final Path ROOT = Path.of(System.getProperty("backpack.launcher.home", "..")).toAbsolutePath().normalize();
  static final Path CORE_WAR = Path.of(System.getProperty("backpack.core.war", "target/core-war.war")).toAbsolutePath();
  static final Path ADMIN_WAR = Path.of(System.getProperty("backpack.admin.war", "target/admin-war.war")).toAbsolutePath();
  /**
   * The images' tag and the backpack's name; other values ({@code -Dbackpack.it.image-tag},
   * {@code -Dbackpack.it.swarm-name}) keep runs from several checkouts on one dockerd apart.
   */
  static final String TAG = System.getProperty("backpack.it.image-tag", "it");
  static final String NAME = System.getProperty("backpack.it.swarm-name", "swarmit");
  static final String LABEL = "label=dev.backpack.backpack=" + NAME;
  /** A backpack on the mongodb engine. */
  static final String MONGO_NAME = NAME + "m";
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path tmp;

  static Platform platform;
  static Platform.Config config;
  static BackpackScriptTest.Launched script;
  static Api owner;

  @BeforeAll
  static void start() {
    Result up = run(Duration.ofMinutes(10), ROOT.resolve("scripts/docker-up").toString());
    Assumptions.assumeTrue(up.code() != 3, () -> "Docker cannot run here: " + up.output().strip());
    assertEquals(0, up.code(), () -> "scripts/docker-up failed:\n" + up.output());
    Result images = run(Duration.ofMinutes(20), ROOT.resolve("docker/build-images").toString(), "--tag", TAG);
    assertEquals(0, images.code(), () -> "docker/build-images failed:\n" + images.output());
    removeEverythingOf(NAME);
    removeEverythingOf(MONGO_NAME);
    Map<String, String> swarm = new HashMap<>();
    swarm.put("backpack.driver", "swarm");
    swarm.put("backpack.swarm.core-image", "backpack/core:" + TAG);
    // the postgres engine is the default; the stand-in is a real PostgreSQL 14 configured like postgres:16
    swarm.put("backpack.swarm.postgres-image", "backpack/postgres-standin:" + TAG);
    swarm.put("backpack.swarm.mongo-image", "backpack/mongo-standin:" + TAG);
    swarm.put("backpack.swarm.redis-image", "backpack/redis-standin:" + TAG);
    swarm.put("backpack.swarm.domain", "swarm.test");
    swarm.put("backpack.swarm.public-scheme", "http");
    swarm.put("backpack.swarm.public-network", "none");
    swarm.put("backpack.swarm.internal-network", "none");
    swarm.put("backpack.swarm.cert-resolver", "none");
    swarm.put("backpack.swarm.entrypoints", "web");
    // no IPVS in this kernel: DNS round robin, and each core task publishes its port on the host
    swarm.put("backpack.swarm.endpoint-mode", "dnsrr");
    swarm.put("backpack.swarm.access", "host");
    // the MongoDB stand-in has no authentication; mongo:7 gets a root user from a secret
    swarm.put("backpack.swarm.mongo-auth", "false");
    swarm.put("backpack.platform.health-timeout-seconds", "240");
    config = new Platform.Config(FreePort.orFree(0), "127.0.0.1", tmp.resolve("data"), CORE_WAR, ADMIN_WAR, Map.of(), swarm);
    platform = Platform.start(config, List.of(), line -> {});
    owner = new Api(platform.baseUrl()).register("owner@example.org");
  }

  @AfterAll
  static void stop() throws Exception {
    if (script != null && script.process.isAlive()) {
      assertEquals(0, script.stop(), () -> "./backpack's exit status after SIGTERM\n" + script.stderr());
    }
    if (platform != null) {
      platform.close();
    }
    if (owner != null) {
      removeEverythingOf(NAME);
      removeEverythingOf(MONGO_NAME);
    }
  }

  @Test
  void aBackpackRunsAsSwarmServicesScalesAcrossReplicasAndLeavesNothingWhenDeleted() throws Exception {
    assertEquals("swarm", owner.get("platform").expect(200).json().get("driver"));
    assertEquals(Boolean.TRUE, owner.get("platform").expect(200).json().get("scalable"));

    // create: the same operation stream as in-process, with the Swarm steps
    Map<String, Object> created = owner.createAndWait(NAME);
    String steps = String.valueOf(created.get("steps"));
    assertEquals("succeeded", created.get("state"), steps);
    assertTrue(steps.contains("Creating the private overlay network bp-" + NAME), steps);
    assertTrue(steps.contains("Creating service bp-" + NAME + "-core (backpack/core:" + TAG + "), 1 replica"), steps);
    Map<String, Object> shown = owner.get("backpacks/" + NAME).expect(200).json();
    assertEquals("up", shown.get("status"), shown.toString());
    assertEquals("http://" + NAME + ".swarm.test/", shown.get("url"));

    // what Docker holds: three services (its own PostgreSQL among them), secrets, a private
    // network, volumes; credentials never in the environment
    assertEquals(List.of("bp-" + NAME + "-core", "bp-" + NAME + "-postgres", "bp-" + NAME + "-redis"), docker("service", "ls", "--filter", LABEL, "--format", "{{.Name}}"));
    assertEquals(
        List.of("bp-" + NAME + "-admin-key", "bp-" + NAME + "-postgres-password", "bp-" + NAME + "-redis-password", "bp-" + NAME + "-redis-uri"),
        docker("secret", "ls", "--filter", LABEL, "--format", "{{.Name}}"));
    assertEquals(List.of("bp-" + NAME + "-files", "bp-" + NAME + "-postgres", "bp-" + NAME + "-redis"), docker("volume", "ls", "--filter", LABEL, "--format", "{{.Name}}"));
    List<String> postgres = docker("ps", "--filter", LABEL, "--filter", "label=dev.backpack.role=postgres", "--format", "{{.ID}}");
    assertEquals(1, postgres.size(), "one PostgreSQL container: " + postgres);
    assertEquals(List.of("14"), docker("exec", postgres.get(0), "cat", "/var/lib/postgresql/data/PG_VERSION"), "its cluster is in the volume");
    assertEquals(List.of("bp-" + NAME), docker("network", "ls", "--filter", LABEL, "--format", "{{.Name}}"));
    Map<String, Object> spec = Json.object(String.join("", docker("service", "inspect", "bp-" + NAME + "-core", "--format", "{{json .Spec}}")));
    Map<String, Object> labels = Api.map(spec.get("Labels"));
    assertEquals("Host(`" + NAME + ".swarm.test`) && !PathPrefix(`/api/admin`)", labels.get("traefik.http.routers.bp-" + NAME + ".rule"));
    assertEquals("8080", labels.get("traefik.http.services.bp-" + NAME + ".loadbalancer.server.port"));
    Map<String, Object> container = Api.map(Api.map(spec.get("TaskTemplate")).get("ContainerSpec"));
    String env = String.valueOf(container.get("Env"));
    assertFalse(env.contains("mongodb://") || env.contains("redis://") || env.contains("KEY") || env.contains("PASSWORD"), env);
    assertTrue(env.contains("BACKPACK_POSTGRES_URL=jdbc:postgresql://bp-" + NAME + "-postgres:5432/backpack"), env);
    assertTrue(String.valueOf(container.get("Secrets")).contains("backpack.admin.key"), String.valueOf(container.get("Secrets")));
    assertTrue(String.valueOf(container.get("Secrets")).contains("backpack.postgres.password"), String.valueOf(container.get("Secrets")));

    // a user of the app, straight to the backpack (host-mode port of its one core task)
    List<Integer> ports = corePorts(1);
    URI one = URI.create("http://127.0.0.1:" + ports.get(0) + "/");
    Map<String, Object> registered = call(one, "POST", "api/auth/register", null, "{\"email\":\"ada@example.org\",\"password\":\"correct horse battery\"}", 201);
    String token = (String) registered.get("token");
    Map<String, Object> note = call(one, "POST", "api/collections/notes/records", token, "{\"text\":\"first\"}", 201);
    assertEquals("first", note.get("text"));
    assertEquals(401, status(one, "GET", "api/admin/users", null), "the admin API wants the admin key, which only the platform has");
    // the platform reaches the backpack's admin API (its browse proxy)
    assertTrue(owner.get("backpacks/" + NAME + "/users").expect(200).body().contains("ada@example.org"));

    // hostile changes are refused and change nothing
    owner.patch("backpacks/" + NAME + "/deployment", "{\"replicas\":0}").problem(400);
    owner.patch("backpacks/" + NAME + "/deployment", "{\"limits\":{\"web\":{\"cpus\":1}}}").problem(400);
    owner.patch("backpacks/" + NAME + "/deployment", "[1]").problem(400);
    assertEquals(1L, replicas("bp-" + NAME + "-core"));

    // two replicas with a memory limit: the operation waits until both answer
    Map<String, Object> scaled = owner.awaitOperation(owner.patch("backpacks/" + NAME + "/deployment", "{\"replicas\":2,\"limits\":{\"core\":{\"memoryMb\":768}}}").expect(202).string("id"));
    assertEquals("succeeded", scaled.get("state"), String.valueOf(scaled.get("steps")));
    assertEquals(2L, replicas("bp-" + NAME + "-core"));
    Map<String, Object> limits = Api.map(Api.map(Api.map(Json.object(String.join("", docker("service", "inspect", "bp-" + NAME + "-core", "--format", "{{json .Spec}}"))).get("TaskTemplate")).get("Resources")).get("Limits"));
    assertEquals(768L * 1024 * 1024, limits.get("MemoryBytes"));
    assertEquals(2L, Api.map(owner.get("backpacks/" + NAME).expect(200).json().get("deployment")).get("replicas"));
    ports = corePorts(2);
    URI a = URI.create("http://127.0.0.1:" + ports.get(0) + "/");
    URI b = URI.create("http://127.0.0.1:" + ports.get(1) + "/");
    assertNotEquals(a, b);
    // the session lives in the backpack's Redis: valid on both replicas
    assertEquals(200, status(b, "GET", "api/auth/me", token));

    // a change written on replica b reaches a subscriber on replica a (Redis pub/sub)
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + ports.get(0) + "/api/realtime"), collector(frames)).get(20, TimeUnit.SECONDS);
    try {
      socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).get(10, TimeUnit.SECONDS);
      socket.sendText("{\"type\":\"subscribe\",\"id\":\"s1\",\"collection\":\"notes\"}", true).get(10, TimeUnit.SECONDS);
      awaitFrame(frames, "\"ack\"", "s1");
      call(b, "POST", "api/collections/notes/records", token, "{\"text\":\"across replicas\"}", 201);
      String change = awaitFrame(frames, "\"change\"", "across replicas");
      assertTrue(change.contains("\"op\":\"create\""), change);
    } finally {
      socket.abort();
    }

    // the records are in the backpack's PostgreSQL, on its volume: a new task of that service (the
    // old one stopped) serves them, and both replicas reconnect
    docker("service", "update", "--force", "--quiet", "bp-" + NAME + "-postgres");
    assertNotEquals(postgres, docker("ps", "--filter", LABEL, "--filter", "label=dev.backpack.role=postgres", "--format", "{{.ID}}"));
    for (URI replica : List.of(a, b)) {
      awaitStatus(replica, "api/collections/notes/records/" + note.get("id"), token, 200);
    }
    String records = HTTP.send(request(a, "GET", "api/collections/notes/records", token, null), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(records.contains("\"first\"") && records.contains("\"across replicas\""), records);

    // the platform stops and starts again: the backpack's services ran on without it, and the
    // platform finds them as they were (not recreated), up, at its scale, with its data
    List<String> serviceIds = docker("service", "ls", "--filter", LABEL, "--format", "{{.ID}}");
    platform.close();
    platform = null;
    assertEquals(200, status(a, "GET", "api/auth/me", token), "the backpack answers while the platform is down");
    // ./backpack this time (Payara Micro boots once per JVM), the driver chosen by its environment
    Map<String, String> variables = new HashMap<>();
    config.platformSettings().forEach((key, value) -> variables.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    // new backpacks on MongoDB from now on; the one that exists keeps its PostgreSQL
    variables.put("BACKPACK_SWARM_ENGINE", "mongodb");
    script = BackpackScriptTest.start(tmp, "-Xmx512m", variables, "--port", Integer.toString(config.port()), "--data-dir", config.dataDir().toString());
    assertEquals("Backpack ready at http://127.0.0.1:" + config.port() + "/ (backpacks: " + NAME + ")", script.awaitReady());
    assertEquals("swarm", owner.get("platform").expect(200).json().get("driver"));
    Map<String, Object> again = owner.get("backpacks/" + NAME).expect(200).json();
    assertEquals("up", again.get("status"), again.toString());
    assertEquals(2L, Api.map(again.get("deployment")).get("replicas"));
    assertEquals(serviceIds, docker("service", "ls", "--filter", LABEL, "--format", "{{.ID}}"));
    assertEquals("first", call(b, "GET", "api/collections/notes/records/" + note.get("id"), token, null, 200).get("text"));
    assertEquals(List.of("bp-" + NAME + "-core", "bp-" + NAME + "-postgres", "bp-" + NAME + "-redis"), docker("service", "ls", "--filter", LABEL, "--format", "{{.Name}}"));

    // the mongodb engine: a MongoDB service instead of PostgreSQL, its URI a secret; records
    // through the platform's browse proxy
    Map<String, Object> onMongo = owner.createAndWait(MONGO_NAME);
    assertEquals("succeeded", onMongo.get("state"), String.valueOf(onMongo.get("steps")));
    String mongoLabel = "label=dev.backpack.backpack=" + MONGO_NAME;
    assertEquals(List.of("bp-" + MONGO_NAME + "-core", "bp-" + MONGO_NAME + "-mongo", "bp-" + MONGO_NAME + "-redis"), docker("service", "ls", "--filter", mongoLabel, "--format", "{{.Name}}"));
    assertEquals(
        List.of("bp-" + MONGO_NAME + "-admin-key", "bp-" + MONGO_NAME + "-mongo-password", "bp-" + MONGO_NAME + "-mongodb-uri", "bp-" + MONGO_NAME + "-redis-password", "bp-" + MONGO_NAME + "-redis-uri"),
        docker("secret", "ls", "--filter", mongoLabel, "--format", "{{.Name}}"));
    owner.post("backpacks/" + MONGO_NAME + "/collections", "{\"name\":\"notes\"}").expect(201);
    Map<String, Object> mongoNote = owner.post("backpacks/" + MONGO_NAME + "/collections/notes/records", "{\"text\":\"on mongodb\"}").expect(201).json();
    assertEquals("on mongodb", owner.get("backpacks/" + MONGO_NAME + "/collections/notes/records/" + mongoNote.get("id")).expect(200).json().get("text"));
    deleteAndFindNothingLeft(owner, MONGO_NAME);

    // delete: nothing of it remains in Docker
    deleteAndFindNothingLeft(owner, NAME);
  }

  /** Deletes a backpack through the platform; then Docker holds nothing labelled with it. */
  static void deleteAndFindNothingLeft(Api owner, String name) {
    Map<String, Object> deleted = owner.deleteAndWait(name);
    assertEquals("succeeded", deleted.get("state"), String.valueOf(deleted.get("steps")));
    owner.get("backpacks/" + name).problem(404);
    String label = "label=dev.backpack.backpack=" + name;
    assertEquals(List.of(), docker("service", "ls", "--filter", label, "--format", "{{.Name}}"));
    assertEquals(List.of(), docker("secret", "ls", "--filter", label, "--format", "{{.Name}}"));
    assertEquals(List.of(), docker("network", "ls", "--filter", label, "--format", "{{.Name}}"));
    assertEquals(List.of(), docker("volume", "ls", "--filter", label, "--format", "{{.Name}}"));
    assertEquals(List.of(), docker("ps", "-a", "--filter", label, "--format", "{{.Names}}"));
  }

  // until a GET answers the status (a backpack reconnecting to its database answers 503 meanwhile)
  static void awaitStatus(URI base, String path, String token, int expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      try {
        last = status(base, "GET", path, token);
        if (last == expected) {
          return;
        }
      } catch (IOException e) {
        last = -1;
      }
      sleep(1000);
    }
    fail(base + path + " answers " + last + ", not " + expected);
  }

  // the host ports of the running core tasks, once there are as many as expected
  static List<Integer> corePorts(int expected) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<Integer> ports = List.of();
    while (System.nanoTime() < deadline) {
      ports = hostPorts("--filter", LABEL, "--filter", "label=dev.backpack.role=core");
      if (ports.size() == expected) {
        return ports;
      }
      sleep(500);
    }
    return fail("expected " + expected + " core tasks with a host port, found " + ports);
  }

  /** The host ports that the running containers {@code docker ps} filters to publish for 8080, sorted. */
  static List<Integer> hostPorts(String... filters) {
    List<Integer> ports = new ArrayList<>();
    for (String id : docker(concat(concat(List.of("ps"), List.of(filters)), List.of("--format", "{{.ID}}")))) {
      for (String line : docker("port", id, "8080/tcp")) {
        if (line.startsWith("0.0.0.0:")) {
          ports.add(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
        }
      }
    }
    ports.sort(null);
    return ports;
  }

  static long replicas(String service) {
    return Long.parseLong(String.join("", docker("service", "inspect", service, "--format", "{{.Spec.Mode.Replicated.Replicas}}")).strip());
  }

  static Map<String, Object> call(URI base, String method, String path, String token, String json, int expected) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request(base, method, path, token, json), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, response.statusCode(), () -> method + " " + path + " -> " + response.body());
    return Json.object(response.body());
  }

  static int status(URI base, String method, String path, String token) throws IOException, InterruptedException {
    return HTTP.send(request(base, method, path, token, null), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static HttpRequest request(URI base, String method, String path, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  static WebSocket.Listener collector(BlockingQueue<String> frames) {
    return new WebSocket.Listener() {
      final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          frames.add(partial.toString());
          partial.setLength(0);
        }
        socket.request(1);
        return null;
      }
    };
  }

  static String awaitFrame(BlockingQueue<String> frames, String type, String containing) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String frame = frames.poll(500, TimeUnit.MILLISECONDS);
      if (frame == null) {
        continue;
      }
      seen.add(frame);
      if (frame.contains("\"type\":" + type) && frame.contains(containing)) {
        return frame;
      }
    }
    return fail("no " + type + " frame with " + containing + "; seen " + seen);
  }

  /** Removes whatever an earlier, interrupted run left (by the backpack's label). */
  static void removeEverythingOf(String name) {
    removeLabelled("label=dev.backpack.backpack=" + name);
  }

  /**
   * Removes what carries a label: the services, then (once their containers are gone) networks,
   * secrets and volumes; a network is in use until the engine has detached its last container.
   */
  static void removeLabelled(String label) {
    List<String> services = docker("service", "ls", "-q", "--filter", label);
    if (!services.isEmpty()) {
      docker(concat(List.of("service", "rm"), services));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!docker("ps", "-aq", "--filter", label).isEmpty() && System.nanoTime() < deadline) {
      sleep(500);
    }
    for (String network : docker("network", "ls", "-q", "--filter", label)) {
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Result removed = run(Duration.ofSeconds(30), "docker", "network", "rm", network);
      while (removed.code() != 0 && System.nanoTime() < until) {
        sleep(1000);
        removed = run(Duration.ofSeconds(30), "docker", "network", "rm", network);
      }
      Result last = removed;
      assertEquals(0, last.code(), () -> "docker network rm " + network + ":\n" + last.output());
    }
    for (String kind : List.of("secret", "volume")) {
      List<String> ids = docker(kind, "ls", "-q", "--filter", label);
      if (!ids.isEmpty()) {
        docker(concat(List.of(kind, "rm"), ids));
      }
    }
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static List<String> docker(String... args) {
    return docker(Arrays.asList(args));
  }

  static List<String> docker(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(args);
    Result result = run(Duration.ofMinutes(2), command.toArray(String[]::new));
    assertEquals(0, result.code(), () -> String.join(" ", command) + " failed:\n" + result.output());
    return result.output().lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
  }

  record Result(int code, String output) {}

  static Result run(Duration timeout, String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return fail(String.join(" ", command) + " did not end within " + timeout);
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(3, "cannot run " + command[0] + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
