package dev.backpack.launcher;

import static dev.backpack.launcher.SwarmIT.ROOT;
import static dev.backpack.launcher.SwarmIT.TAG;
import static dev.backpack.launcher.SwarmIT.docker;
import static dev.backpack.launcher.SwarmIT.removeEverythingOf;
import static dev.backpack.launcher.SwarmIT.removeLabelled;
import static dev.backpack.launcher.SwarmIT.run;
import static dev.backpack.launcher.SwarmIT.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swarm driver in its production access mode ({@code backpack.swarm.access=network}): the
 * platform itself runs as a Swarm service from the {@code backpack/admin} image, with the Docker
 * socket, on three overlay networks this test creates like {@code swarm-stack.yml} does (public,
 * internal, platform), next to PostgreSQL and Redis services of its own (stand-in images built by
 * {@code docker/build-images}: {@code postgres:16} and {@code redis:7} cannot be pulled here). The
 * owner signs up through the admin service's host-mode port; the platform creates a backpack whose
 * core service publishes no port, checks its health and proxies its admin API by service name over
 * the internal network; a user of the app signs up from a throwaway container on the public network
 * (where Traefik would be); deleting the backpack leaves nothing of it in Docker. Every service uses
 * {@code endpoint_mode: dnsrr} (no IPVS in this kernel). Skipped, with why, where Docker cannot run.
 */
class SwarmNetworkIT {

  /** The backpack's name ({@code -Dbackpack.it.swarmnet-name}); what the test creates is named after it + "it". */
  static final String NAME = System.getProperty("backpack.it.swarmnet-name", "swarmnet");
  static final String TEST_PREFIX = NAME + "it";
  static final String LABEL = "label=dev.backpack.backpack=" + NAME;
  /** What this test creates for the platform carries this label (and its names this prefix). */
  static final String TEST = "dev.backpack.test=" + TEST_PREFIX;
  static final String PUBLIC = TEST_PREFIX + "-public";
  static final String INTERNAL = TEST_PREFIX + "-internal";
  static final String PLATFORM = TEST_PREFIX + "-platform";
  static final String ADMIN = TEST_PREFIX + "-admin";
  static final String POSTGRES = TEST_PREFIX + "-postgres";
  static final String REDIS = TEST_PREFIX + "-redis";
  static final String PASSWORD_SECRET = TEST_PREFIX + "-postgres-password";
  static final Path SOCKET = Path.of("/var/run/docker.sock");

  @TempDir static Path tmp;

  static boolean created;
  static Api owner;

  @BeforeAll
  static void start() throws IOException {
    SwarmIT.Result up = run(Duration.ofMinutes(10), ROOT.resolve("scripts/docker-up").toString());
    Assumptions.assumeTrue(up.code() != 3, () -> "Docker cannot run here: " + up.output().strip());
    assertEquals(0, up.code(), () -> "scripts/docker-up failed:\n" + up.output());
    SwarmIT.Result images = run(Duration.ofMinutes(20), ROOT.resolve("docker/build-images").toString(), "--tag", TAG);
    assertEquals(0, images.code(), () -> "docker/build-images failed:\n" + images.output());
    // whatever an interrupted run left: the backpack (attached to our networks) after the platform
    removePlatform();
    created = true;

    // the networks of swarm-stack.yml; the platform's is internal (no way out for PostgreSQL, Redis)
    docker("network", "create", "--driver", "overlay", "--attachable", "--label", TEST, PUBLIC);
    docker("network", "create", "--driver", "overlay", "--attachable", "--label", TEST, INTERNAL);
    docker("network", "create", "--driver", "overlay", "--internal", "--label", TEST, PLATFORM);
    Path password = tmp.resolve("postgres-password");
    Files.writeString(password, HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    docker("secret", "create", "--label", TEST, PASSWORD_SECRET, password.toString());

    docker(
        "service", "create", "--detach", "--name", POSTGRES, "--label", TEST, "--container-label", TEST,
        "--network", PLATFORM, "--endpoint-mode", "dnsrr", "--restart-delay", "2s",
        "--secret", "source=" + PASSWORD_SECRET + ",target=postgres_password,uid=999,gid=999,mode=0400",
        "--env", "POSTGRES_USER=backpack", "--env", "POSTGRES_DB=backpack", "--env", "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password",
        "--mount", volume(POSTGRES, "/var/lib/postgresql/data"),
        "backpack/postgres-standin:" + TAG);
    // no password: nothing but the platform reaches the platform network
    docker(
        "service", "create", "--detach", "--name", REDIS, "--label", TEST, "--container-label", TEST,
        "--network", PLATFORM, "--endpoint-mode", "dnsrr", "--restart-delay", "2s",
        "--mount", volume(REDIS, "/data"),
        "backpack/redis-standin:" + TAG, "--appendonly", "yes");
    // as in swarm-stack.yml: the image's user with the group that owns the Docker socket
    int socketGroup = (Integer) Files.getAttribute(SOCKET, "unix:gid");
    docker(
        "service", "create", "--detach", "--name", ADMIN, "--label", TEST, "--container-label", TEST,
        "--network", PUBLIC, "--network", INTERNAL, "--network", PLATFORM, "--endpoint-mode", "dnsrr", "--restart-delay", "2s",
        "--publish", "mode=host,target=8080",
        "--user", "10001:" + socketGroup,
        "--mount", "type=bind,source=" + SOCKET + ",target=" + SOCKET,
        "--mount", volume(ADMIN, "/data"),
        "--secret", "source=" + PASSWORD_SECRET + ",target=backpack.postgres.password,uid=10001,gid=10001,mode=0400",
        "--env", "BACKPACK_DRIVER=swarm",
        "--env", "BACKPACK_PUBLIC_URL=http://admin.swarmnet.test/",
        "--env", "BACKPACK_POSTGRES_URL=jdbc:postgresql://" + POSTGRES + ":5432/backpack",
        "--env", "BACKPACK_POSTGRES_USER=backpack",
        "--env", "BACKPACK_REDIS_URI=redis://" + REDIS + ":6379",
        "--env", "BACKPACK_SWARM_DOCKER_HOST=unix://" + SOCKET,
        "--env", "BACKPACK_SWARM_ACCESS=network",
        "--env", "BACKPACK_SWARM_DOMAIN=swarmnet.test",
        "--env", "BACKPACK_SWARM_PUBLIC_SCHEME=http",
        "--env", "BACKPACK_SWARM_CORE_IMAGE=backpack/core:" + TAG,
        "--env", "BACKPACK_SWARM_POSTGRES_IMAGE=backpack/postgres-standin:" + TAG,
        "--env", "BACKPACK_SWARM_MONGO_IMAGE=backpack/mongo-standin:" + TAG,
        "--env", "BACKPACK_SWARM_REDIS_IMAGE=backpack/redis-standin:" + TAG,
        "--env", "BACKPACK_SWARM_PUBLIC_NETWORK=" + PUBLIC,
        "--env", "BACKPACK_SWARM_INTERNAL_NETWORK=" + INTERNAL,
        "--env", "BACKPACK_SWARM_ENTRYPOINTS=web",
        "--env", "BACKPACK_SWARM_CERT_RESOLVER=none",
        "--env", "BACKPACK_SWARM_ENDPOINT_MODE=dnsrr",
        // the MongoDB stand-in has no authentication
        "--env", "BACKPACK_SWARM_MONGO_AUTH=false",
        "--env", "BACKPACK_PLATFORM_HEALTH_TIMEOUT_SECONDS=240",
        "backpack/admin:" + TAG);

    URI admin = URI.create("http://127.0.0.1:" + adminPort() + "/");
    awaitReady(admin);
    owner = new Api(admin).register("owner@example.org");
  }

  @AfterAll
  static void stop() {
    if (created) {
      removePlatform();
    }
  }

  @Test
  void thePlatformAsAServiceReachesItsBackpackOverTheInternalNetworkOnly() throws Exception {
    Map<String, Object> platform = owner.get("platform").expect(200).json();
    assertEquals("swarm", platform.get("driver"), platform.toString());

    // create: the platform checks the shared networks, then waits for the core's health by name
    Map<String, Object> operation = owner.createAndWait(NAME);
    String steps = String.valueOf(operation.get("steps"));
    assertEquals("succeeded", operation.get("state"), steps);
    assertTrue(steps.contains("Creating service bp-" + NAME + "-core (backpack/core:" + TAG + "), 1 replica"), steps);
    Map<String, Object> shown = owner.get("backpacks/" + NAME).expect(200).json();
    assertEquals("up", shown.get("status"), shown.toString());
    assertEquals("http://" + NAME + ".swarmnet.test/", shown.get("url"));
    // the postgres engine (the default): a PostgreSQL service of the backpack's own
    assertEquals(List.of("bp-" + NAME + "-core", "bp-" + NAME + "-postgres", "bp-" + NAME + "-redis"), docker("service", "ls", "--filter", LABEL, "--format", "{{.Name}}"));

    // the core service publishes nothing: no port in its spec, its endpoint or on its task
    assertEquals("dnsrr", String.join("", docker("service", "inspect", "bp-" + NAME + "-core", "--format", "{{.Spec.EndpointSpec.Mode}}")));
    String endpointPorts = String.join("", docker("service", "inspect", "bp-" + NAME + "-core", "--format", "{{json .Spec.EndpointSpec.Ports}} {{json .Endpoint.Ports}}"));
    assertEquals("null null", endpointPorts, "the core service publishes no port in network mode");
    List<String> cores = docker("ps", "--filter", LABEL, "--filter", "label=dev.backpack.role=core", "--format", "{{.ID}}");
    assertEquals(1, cores.size(), "one running core container: " + cores);
    assertEquals(List.of(), docker("port", cores.get(0)), "the core container binds no host port");
    // ... and it sits on its private network, the public and the internal one, never the platform's
    assertEquals(Set.of("bp-" + NAME, PUBLIC, INTERNAL), networksOf("bp-" + NAME + "-core"));
    // its database is on its private network only: not the platform's PostgreSQL, which the core
    // has no route to (the platform network is not among the core's)
    assertEquals(Set.of("bp-" + NAME), networksOf("bp-" + NAME + "-postgres"));
    assertEquals(Set.of("bp-" + NAME), networksOf("bp-" + NAME + "-redis"));

    // a user of the app signs up where Traefik would reach the backpack: by service name on the
    // public network, from a throwaway container (the core has no port on this host)
    String registered = fromPublicNetwork("POST", "http://bp-" + NAME + "-core:8080/api/auth/register", "{\"email\":\"ada@example.org\",\"password\":\"correct horse battery\"}");
    assertTrue(registered.startsWith("201 "), "sign-up over the public network: " + registered);
    String adminApi = fromPublicNetwork("GET", "http://bp-" + NAME + "-core:8080/api/admin/users", null);
    assertTrue(adminApi.startsWith("401 "), "the admin API wants the admin key, which only the platform has: " + adminApi);

    // the platform's browse proxy: the backpack's admin API by name over the internal network
    String users = owner.get("backpacks/" + NAME + "/users").expect(200).body();
    assertTrue(users.contains("ada@example.org"), users);
    owner.get("backpacks/" + NAME + "/stats").expect(200);
    owner.post("backpacks/" + NAME + "/collections", "{\"name\":\"notes\"}").expect(201);
    assertTrue(owner.get("backpacks/" + NAME + "/collections").expect(200).body().contains("notes"));
    Map<String, Object> note = owner.post("backpacks/" + NAME + "/collections/notes/records", "{\"text\":\"through the platform\"}").expect(201).json();
    assertEquals("through the platform", note.get("text"), note.toString());
    Map<String, Object> read = owner.get("backpacks/" + NAME + "/collections/notes/records/" + note.get("id")).expect(200).json();
    assertEquals("through the platform", read.get("text"), read.toString());

    // delete: nothing of the backpack remains; the platform's own networks stay
    SwarmIT.deleteAndFindNothingLeft(owner, NAME);
    assertEquals(List.of(INTERNAL, PLATFORM, PUBLIC), docker("network", "ls", "--filter", "label=" + TEST, "--format", "{{.Name}}"));
  }

  static String volume(String service, String target) {
    return "type=volume,source=" + service + "-data,target=" + target + ",volume-label=" + TEST;
  }

  /** The names of the networks a service's tasks are attached to. */
  static Set<String> networksOf(String service) {
    Set<String> names = new TreeSet<>();
    for (String id : String.join(" ", docker("service", "inspect", service, "--format", "{{range .Spec.TaskTemplate.Networks}}{{.Target}} {{end}}")).split("\\s+")) {
      if (!id.isBlank()) {
        names.add(String.join("", docker("network", "inspect", id, "--format", "{{.Name}}")));
      }
    }
    return names;
  }

  /**
   * An HTTP request from a throwaway container on the public network (Java's own client: the
   * images have no curl); returns "STATUS BODY".
   */
  static String fromPublicNetwork(String method, String url, String json) throws IOException {
    Path source = tmp.resolve("Call.java");
    Files.writeString(
        source,
        """
        import java.net.URI;
        import java.net.http.*;
        import java.time.Duration;
        public class Call {
          public static void main(String[] a) throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(a[1])).timeout(Duration.ofSeconds(30));
            r.method(a[0], a.length > 2 ? HttpRequest.BodyPublishers.ofString(a[2]) : HttpRequest.BodyPublishers.noBody());
            if (a.length > 2) r.header("Content-Type", "application/json");
            HttpResponse<String> s = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(s.statusCode() + " " + s.body());
          }
        }
        """);
    List<String> command = new ArrayList<>(List.of(
        "docker", "run", "--rm", "--pull=never", "--network", PUBLIC, "--label", TEST, "--user", "65534:65534",
        "-v", source + ":/call/Call.java:ro", "-e", "JDK_JAVA_OPTIONS=-Xmx64m -XX:TieredStopAtLevel=1",
        "backpack/base:local", "java", "/call/Call.java", method, url));
    if (json != null) {
      command.add(json);
    }
    SwarmIT.Result result = run(Duration.ofMinutes(2), command.toArray(String[]::new));
    assertEquals(0, result.code(), () -> String.join(" ", command) + " failed:\n" + result.output());
    // the JVM notes JDK_JAVA_OPTIONS on stderr (merged): the answer is the last line
    List<String> lines = result.output().lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** The host port the admin service's task publishes (host mode), once its container runs. */
  static int adminPort() {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      List<Integer> ports = SwarmIT.hostPorts("--filter", "label=com.docker.swarm.service.name=" + ADMIN);
      if (!ports.isEmpty()) {
        return ports.get(0);
      }
      sleep(500);
    }
    return fail("the admin service's task publishes no port\n" + diagnostics());
  }

  /** Waits until the platform answers {@code GET /admin/api/platform} with {@code ready: true}. */
  static void awaitReady(URI admin) {
    URI platform = admin.resolve("admin/api/platform");
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> answer = SwarmIT.HTTP.send(HttpRequest.newBuilder(platform).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        last = answer.statusCode() + " " + answer.body();
        if (answer.statusCode() == 200 && Boolean.TRUE.equals(Json.object(answer.body()).get("ready"))) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
      sleep(1000);
    }
    fail("the admin service did not get ready at " + platform + " (last: " + last + ")\n" + diagnostics());
  }

  /** The platform services' tasks and the ends of their logs, for a failure's message. */
  static String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (String service : List.of(ADMIN, POSTGRES, REDIS)) {
      SwarmIT.Result tasks = run(Duration.ofSeconds(30), "docker", "service", "ps", "--no-trunc", service);
      SwarmIT.Result logs = run(Duration.ofSeconds(30), "docker", "service", "logs", "--tail", "40", service);
      text.append("== ").append(service).append('\n').append(tasks.output()).append(logs.output());
    }
    return text.toString();
  }

  /**
   * Removes the platform this test deploys and whatever a backpack of an interrupted run left: the
   * services first, then (once their containers are gone) networks, secrets and volumes.
   */
  static void removePlatform() {
    String label = "label=" + TEST;
    // the platform's services first, so that the admin app acts no more; then the backpack, whose
    // core is attached to the platform's networks; then those
    List<String> services = docker("service", "ls", "-q", "--filter", label);
    if (!services.isEmpty()) {
      docker(SwarmIT.concat(List.of("service", "rm"), services));
    }
    removeEverythingOf(NAME);
    removeLabelled(label);
    assertEquals(List.of(), docker("ps", "-a", "--filter", label, "--format", "{{.Names}}"), "the platform's containers are gone");
    assertFalse(docker("network", "ls", "--format", "{{.Name}}").stream().anyMatch(n -> n.startsWith(TEST_PREFIX + "-")), "the test's networks are gone");
  }
}
