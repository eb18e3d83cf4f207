package dev.backpack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backpack.embedded.FreePort;
import dev.backpack.deployment.AppDirectory;
import dev.backpack.deployment.BackpackName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform in this JVM (Payara Micro is one per JVM: surefire forks one JVM per class), with
 * a stand-in core WAR ({@link TinyWar}: a static {@code api/health}) and the real admin WAR, so that
 * these tests are about the launcher and its way through admin-war's in-process driver.
 */
class PlatformTest {

  @TempDir static Path tmp;

  /** The built admin WAR (surefire passes its path). */
  static final Path ADMIN_WAR = Path.of(System.getProperty("backpack.admin.war", "target/admin-war.war")).toAbsolutePath();

  static Platform cut;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final List<String> PROGRESS = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws Exception {
    Path war = TinyWar.build(tmp.resolve("tiny.war"));
    int port = FreePort.orFree(0);
    cut =
        Platform.start(
            new Platform.Config(port, "127.0.0.1", tmp.resolve("data"), war, ADMIN_WAR, Map.of()),
            List.of(new BackpackName("alpha")),
            PROGRESS::add);
  }

  @AfterAll
  static void stop() {
    if (cut != null) {
      cut.close();
    }
  }

  @Test
  void aBackpackAddedAtRunTimeServesWhileTheOtherKeepsAnswering() throws Exception {
    assertFalse(cut.backpacks().contains("beta"));
    assertEquals(200, get(cut.backpackUrl("alpha").resolve("api/health")).statusCode());

    AtomicBoolean adding = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    Thread poller =
        new Thread(
            () -> {
              while (adding.get()) {
                try {
                  HttpResponse<String> response = get(cut.backpackUrl("alpha").resolve("api/health"));
                  if (response.statusCode() == 200) {
                    answered.incrementAndGet();
                  } else {
                    failures.add("HTTP " + response.statusCode());
                  }
                } catch (Exception e) {
                  failures.add(e.toString());
                }
              }
            });
    poller.start();
    URI beta;
    try {
      beta = cut.addBackpack("beta");
    } finally {
      adding.set(false);
      poller.join();
    }

    assertEquals(List.of(), failures, "alpha never failed while beta was deployed");
    assertTrue(answered.get() > 0, "alpha was asked during the deployment");
    assertTrue(cut.backpacks().containsAll(List.of("alpha", "beta")), cut.backpacks().toString());
    assertEquals(cut.baseUrl().resolve("beta/"), beta);
    assertEquals("{\"status\":\"UP\"}", get(beta.resolve("api/health")).body());
  }

  @Test
  void eachBackpackGetsItsOwnSettingsAndSharesTheJars() throws Exception {
    cut.addBackpack("gamma");

    assertEquals("<h1>tiny</h1>", get(cut.backpackUrl("gamma")).body().trim());
    Path alpha = cut.dataDir().resolve("backpacks/alpha/app");
    Path gamma = cut.dataDir().resolve("backpacks/gamma/app");
    String alphaSettings = Files.readString(alpha.resolve(AppDirectory.CONFIG));
    String gammaSettings = Files.readString(gamma.resolve(AppDirectory.CONFIG));
    assertTrue(alphaSettings.contains("backpack.postgres.user=bp_alpha\n"), alphaSettings);
    assertTrue(alphaSettings.contains("backpack.postgres.schema=bp_alpha\n"), alphaSettings);
    assertTrue(alphaSettings.contains("backpack.postgres.url=" + cut.endpoints().postgresUrl() + "\n"), alphaSettings);
    assertTrue(gammaSettings.contains("backpack.postgres.user=bp_gamma\n"), gammaSettings);
    assertTrue(gammaSettings.contains("backpack.postgres.schema=bp_gamma\n"), gammaSettings);
    assertFalse(alphaSettings.contains("backpack.mongodb."), "no MongoDB given: postgres keys only");
    String alphaPassword = setting(alphaSettings, "backpack.postgres.password");
    assertTrue(alphaPassword.length() >= 43, "32 random bytes, base64url");
    assertFalse(alphaPassword.equals(setting(gammaSettings, "backpack.postgres.password")), "a password per backpack");
    assertFalse(alphaSettings.contains(cut.endpoints().postgresPassword()), "never the platform's password");
    Path jar = gamma.resolve("WEB-INF/lib/tiny.jar");
    assertTrue(Files.isSymbolicLink(jar));
    assertTrue(Files.isSameFile(jar, alpha.resolve("WEB-INF/lib/tiny.jar")));
  }

  @Test
  void addingTwiceIsANoOpAndARemovedBackpackIsGone() throws Exception {
    cut.addBackpack("delta");
    Path config = cut.dataDir().resolve("backpacks/delta/app").resolve(AppDirectory.CONFIG);
    String settings = Files.readString(config);
    assertTrue(settings.contains("backpack.admin.key="), settings);
    cut.addBackpack("delta");
    assertEquals(settings, Files.readString(config), "same admin key, not deployed again");

    assertTrue(cut.removeBackpack("delta"));

    assertFalse(cut.backpacks().contains("delta"));
    assertEquals(404, get(cut.backpackUrl("delta").resolve("api/health")).statusCode());
    assertFalse(Files.exists(cut.dataDir().resolve("backpacks/delta")), "its files and configuration are gone");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(cut.endpoints().postgresUrl(), cut.endpoints().postgresUser(), cut.endpoints().postgresPassword());
        var roles = c.createStatement().executeQuery("select (select count(*) from pg_roles where rolname = 'bp_delta') + (select count(*) from pg_namespace where nspname = 'bp_delta')")) {
      roles.next();
      assertEquals(0, roles.getInt(1), "its PostgreSQL role and schema are gone");
    }
    assertFalse(cut.removeBackpack("delta"));
    assertEquals(200, get(cut.backpackUrl("alpha").resolve("api/health")).statusCode());
  }

  @Test
  void invalidNamesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cut.addBackpack("api"));
    assertTrue(e.getMessage().contains("reserved"));
  }

  @Test
  void embeddedServersBindLoopbackAndPostgresIsUp() {
    Endpoints endpoints = cut.endpoints();
    assertTrue(endpoints.mongoDb().isEmpty(), "no MongoDB is started");
    assertTrue(endpoints.redisUri().startsWith("redis://127.0.0.1:"), endpoints.redisUri());
    assertTrue(endpoints.postgresUrl().startsWith("jdbc:postgresql://127.0.0.1:"), endpoints.postgresUrl());
    assertTrue(PROGRESS.stream().noneMatch(line -> line.contains("MongoDB")), PROGRESS.toString());
    assertTrue(PROGRESS.contains("starting PostgreSQL..."), PROGRESS.toString());
    assertTrue(PROGRESS.contains("deploying backpack alpha..."), PROGRESS.toString());
  }

  @Test
  void aSecondLauncherOnTheSameDataDirectoryIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Platform.start(new Platform.Config(1, "127.0.0.1", cut.dataDir(), Path.of("x.war"), ADMIN_WAR, Map.of()), List.of(), line -> {}));
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
  }

  @Test
  void aBusyPortIsReportedBeforeAnythingStarts() throws Exception {
    Path war = TinyWar.build(tmp.resolve("other.war"));
    List<String> progress = new ArrayList<>();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Platform.start(new Platform.Config(cut.baseUrl().getPort(), "127.0.0.1", tmp.resolve("other"), war, ADMIN_WAR, Map.of()), List.of(), progress::add));
    assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + cut.baseUrl().getPort()), e.getMessage());
    assertEquals(List.of(), progress, "no server was started");
  }

  static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String setting(String properties, String key) {
    return properties.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst().orElseThrow(() -> new AssertionError(key + " missing"));
  }
}
