package dev.backpack.admin.drivers.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.Deployment;
import dev.backpack.deployment.BackpackName;
import jakarta.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SwarmServicesTest {

  static final SwarmServices.Options PRODUCTION =
      new SwarmServices.Options("backpack/core:1", SwarmServices.Engine.POSTGRES, "postgres:16", "mongo:7", "redis:7", "example.org", "backpack_public", "backpack_internal", "websecure", "le", false, false, true, null);
  static final SwarmServices.Options TESTS =
      new SwarmServices.Options("backpack/core:dev", SwarmServices.Engine.POSTGRES, "backpack/postgres-standin:dev", "backpack/mongo-standin:dev", "backpack/redis-standin:dev", "localhost", null, null, "web", null, true, true, false, null);

  static final BackpackName SHOP = new BackpackName("shop");
  static final String KEY = "k".repeat(43);

  static final SwarmServices.Engine POSTGRES = SwarmServices.Engine.POSTGRES;
  static final SwarmServices.Engine MONGODB = SwarmServices.Engine.MONGODB;

  SwarmServices cut = new SwarmServices(PRODUCTION);

  // Traefik v3's label schema for the Swarm provider (doc.traefik.io, routing/providers/swarm):
  // what a label key may be, and the rule syntax of a router
  static final List<Pattern> TRAEFIK_KEYS =
      List.of(
          Pattern.compile("traefik\\.enable"),
          Pattern.compile("traefik\\.swarm\\.(network|lbswarm)"),
          Pattern.compile("traefik\\.http\\.routers\\.[A-Za-z0-9-]+\\.(rule|ruleSyntax|entrypoints|middlewares|service|priority|tls|tls\\.certresolver|tls\\.options|tls\\.domains\\[\\d+\\]\\.(main|sans))"),
          Pattern.compile("traefik\\.http\\.services\\.[A-Za-z0-9-]+\\.loadbalancer\\.(server\\.(port|scheme|url|weight)|passhostheader|serverstransport|sticky\\.cookie(\\.(name|secure|httponly|samesite|maxage|path))?|healthcheck\\.[a-z]+|responseforwarding\\.flushinterval)"));

  @Test
  void coreLabelsFollowTraefiksSchema() {
    Map<String, String> labels = cut.traefikLabels(SHOP);
    for (String key : labels.keySet()) {
      assertTrue(TRAEFIK_KEYS.stream().anyMatch(p -> p.matcher(key).matches()), key + " is not a Traefik v3 Swarm label");
    }
    assertEquals("true", labels.get("traefik.enable"));
    assertEquals("backpack_public", labels.get("traefik.swarm.network"));
    // the port is explicit: Swarm services expose none Traefik could guess from
    assertEquals("8080", labels.get("traefik.http.services.bp-shop.loadbalancer.server.port"));
    assertEquals("bp-shop", labels.get("traefik.http.routers.bp-shop.service"));
    assertEquals("websecure", labels.get("traefik.http.routers.bp-shop.entrypoints"));
    assertEquals("le", labels.get("traefik.http.routers.bp-shop.tls.certresolver"));
  }

  @Test
  void theRouterServesTheBackpacksHostButNeverItsAdminApi() {
    String rule = cut.traefikLabels(SHOP).get("traefik.http.routers.bp-shop.rule");
    assertEquals("Host(`shop.example.org`) && !PathPrefix(`/api/admin`)", rule);
    // Traefik v3 rule syntax: matchers with backquoted arguments joined by && and negated by !
    assertTrue(rule.matches("(!?(Host|PathPrefix)\\(`[^`]+`\\))( && !?(Host|PathPrefix)\\(`[^`]+`\\))*"), rule);
  }

  @Test
  void withoutACertResolverTheRouterHasNoTls() {
    Map<String, String> labels = new SwarmServices(TESTS).traefikLabels(SHOP);
    assertFalse(labels.containsKey("traefik.http.routers.bp-shop.tls"));
    assertFalse(labels.containsKey("traefik.swarm.network"));
    assertEquals("web", labels.get("traefik.http.routers.bp-shop.entrypoints"));
  }

  @Test
  void theCoreServiceGetsItsCredentialsAsSecretsNotEnvironment() {
    Map<String, String> secrets = cut.secrets(new BackpackSpec(SHOP, KEY));
    ServiceSpec core = cut.core(new BackpackSpec(SHOP, KEY), ids(secrets));
    ContainerSpec container = core.getTaskTemplate().getContainerSpec();
    assertEquals("bp-shop-core", core.getName());
    assertEquals("backpack/core:1", container.getImage());
    assertNoSecretIn(container.getEnv(), secrets);
    // the postgres engine: the backpack's own PostgreSQL service, by its name on the private network
    assertEquals(
        List.of(
            "BACKPACK_NAME=shop",
            "BACKPACK_POSTGRES_URL=jdbc:postgresql://bp-shop-postgres:5432/backpack",
            "BACKPACK_POSTGRES_USER=backpack",
            "BACKPACK_POSTGRES_SCHEMA=public",
            "BACKPACK_POSTGRES_MAX_CONNECTIONS=10",
            "BACKPACK_REDIS_PREFIX=bp:shop:",
            "BACKPACK_FILES_DIR=/data/files"),
        container.getEnv());
    assertEquals(Map.of("backpack.admin.key", "bp-shop-admin-key", "backpack.postgres.password", "bp-shop-postgres-password", "backpack.redis.uri", "bp-shop-redis-uri"), files(container));
    assertEquals(List.of("bp-shop-admin-key", "bp-shop-postgres-password", "bp-shop-redis-uri", "bp-shop-redis-password"), List.copyOf(secrets.keySet()));
    assertEquals(KEY, secrets.get("bp-shop-admin-key"));
    assertEquals("redis://:" + secrets.get("bp-shop-redis-password") + "@redis:6379", secrets.get("bp-shop-redis-uri"));
  }

  @Test
  void onTheMongodbEngineTheCoreGetsAMongodbUriAndNoPostgresSettings() {
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    Map<String, String> secrets = cut.secrets(spec, MONGODB);
    ContainerSpec container = cut.core(spec, MONGODB, ids(secrets)).getTaskTemplate().getContainerSpec();
    assertNoSecretIn(container.getEnv(), secrets);
    assertTrue(container.getEnv().contains("BACKPACK_MONGODB_DATABASE=bp_shop"));
    assertTrue(container.getEnv().stream().noneMatch(e -> e.startsWith("BACKPACK_POSTGRES_")), container.getEnv().toString());
    assertEquals(Map.of("backpack.admin.key", "bp-shop-admin-key", "backpack.mongodb.uri", "bp-shop-mongodb-uri", "backpack.redis.uri", "bp-shop-redis-uri"), files(container));
    assertTrue(secrets.get("bp-shop-mongodb-uri").startsWith("mongodb://backpack:" + secrets.get("bp-shop-mongo-password") + "@mongo:27017/"));
    assertFalse(secrets.containsKey("bp-shop-postgres-password"));
    assertEquals(List.of("mongo", "redis", "core"), SwarmServices.roles(MONGODB));
    assertEquals("bp-shop-mongo", cut.database(spec, MONGODB, ids(secrets)).getName());
    assertEquals("mongo:7", cut.database(spec, MONGODB, ids(secrets)).getTaskTemplate().getContainerSpec().getImage());
  }

  @Test
  void thePostgresServiceIsConfiguredAsTheOfficialImageReadsIt() {
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    Map<String, String> secrets = cut.secrets(spec);
    ServiceSpec postgres = cut.database(spec, POSTGRES, ids(secrets));
    ContainerSpec container = postgres.getTaskTemplate().getContainerSpec();
    assertEquals("bp-shop-postgres", postgres.getName());
    assertEquals("postgres:16", container.getImage());
    assertEquals(List.of("postgres", "redis", "core"), SwarmServices.roles(POSTGRES));
    // user and database the core logs in to; the password only as a file (a secret)
    assertEquals(List.of("POSTGRES_USER=backpack", "POSTGRES_DB=backpack", "POSTGRES_PASSWORD_FILE=/run/secrets/postgres-password", "PGDATA=/var/lib/postgresql/data"), container.getEnv());
    assertNoSecretIn(container.getEnv(), secrets);
    assertEquals(Map.of("postgres-password", "bp-shop-postgres-password"), files(container));
    // every replica's pool fits
    assertEquals(List.of("-c", "max_connections=210"), container.getArgs());
    assertNull(container.getCommand(), "the image's entrypoint initialises the cluster");
    assertEquals("bp-shop-postgres", container.getMounts().get(0).getSource());
    assertEquals("/var/lib/postgresql/data", container.getMounts().get(0).getTarget());
    assertEquals(1L, postgres.getMode().getReplicated().getReplicas());
    assertEquals(SwarmServices.derive(KEY, "postgres"), secrets.get("bp-shop-postgres-password"));
  }

  @Test
  void passwordsDeriveFromTheAdminKeySoARestartRecreatesTheSameOnes() {
    Map<String, String> once = cut.secrets(new BackpackSpec(SHOP, KEY), MONGODB);
    Map<String, String> again = cut.secrets(new BackpackSpec(SHOP, KEY), MONGODB);
    Map<String, String> other = cut.secrets(new BackpackSpec(SHOP, "x".repeat(43)), MONGODB);
    assertEquals(once, again);
    assertEquals(cut.secrets(new BackpackSpec(SHOP, KEY)), cut.secrets(new BackpackSpec(SHOP, KEY)));
    String postgres = cut.secrets(new BackpackSpec(SHOP, KEY)).get("bp-shop-postgres-password");
    assertNotEquals(postgres, cut.secrets(new BackpackSpec(SHOP, "x".repeat(43))).get("bp-shop-postgres-password"));
    assertNotEquals(postgres, once.get("bp-shop-mongo-password"));
    assertTrue(postgres.matches("[A-Za-z0-9_-]{43}"));
    assertNotEquals(once.get("bp-shop-mongo-password"), other.get("bp-shop-mongo-password"));
    assertNotEquals(once.get("bp-shop-mongo-password"), once.get("bp-shop-redis-password"));
    assertTrue(once.get("bp-shop-mongo-password").matches("[A-Za-z0-9_-]{43}"));
  }

  @Test
  void theCoreJoinsItsPrivatePublicAndInternalNetworksButTheDataServicesOnlyThePrivateOne() {
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    Map<String, String> ids = ids(cut.secrets(spec));
    assertEquals(List.of("bp-shop", "backpack_public", "backpack_internal"), targets(cut.core(spec, ids)));
    assertEquals(List.of("bp-shop"), targets(cut.postgres(spec, ids)));
    assertEquals(List.of("bp-shop"), targets(cut.redis(spec, ids)));
    assertEquals(List.of("postgres"), cut.postgres(spec, ids).getTaskTemplate().getNetworks().get(0).getAliases());
    Map<String, String> mongoIds = ids(cut.secrets(spec, MONGODB));
    assertEquals(List.of("bp-shop"), targets(cut.mongo(spec, mongoIds)));
    assertEquals(List.of("mongo"), cut.mongo(spec, mongoIds).getTaskTemplate().getNetworks().get(0).getAliases());
    assertNull(cut.core(spec, ids).getEndpointSpec().getPorts(), "production publishes nothing: Traefik routes");
  }

  @Test
  void testsPublishAHostModePortAndUseDnsRoundRobin() {
    SwarmServices tests = new SwarmServices(TESTS);
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    ServiceSpec core = tests.core(spec, ids(tests.secrets(spec)));
    assertEquals(EndpointResolutionMode.DNSRR, core.getEndpointSpec().getMode());
    PortConfig port = core.getEndpointSpec().getPorts().get(0);
    assertEquals(PortConfig.PublishMode.host, port.getPublishMode());
    assertEquals(8080, port.getTargetPort());
    assertEquals("mongodb://mongo:27017/", tests.secrets(spec, MONGODB).get("bp-shop-mongodb-uri"));
    assertNull(tests.mongo(spec, ids(tests.secrets(spec, MONGODB))).getTaskTemplate().getContainerSpec().getSecrets());
    ServiceSpec postgres = tests.postgres(spec, ids(tests.secrets(spec)));
    assertEquals("backpack/postgres-standin:dev", postgres.getTaskTemplate().getContainerSpec().getImage());
    assertEquals(EndpointResolutionMode.DNSRR, postgres.getEndpointSpec().getMode());
    assertNull(postgres.getEndpointSpec().getPorts(), "the database publishes nothing");
  }

  @Test
  void replicasAndLimitsReachTheServiceSpecs() {
    Deployment deployment = Deployment.DEFAULT.with(Json.createObjectBuilder().add("replicas", 3).add("limits", Json.createObjectBuilder().add("core", Json.createObjectBuilder().add("cpus", 1.5).add("memoryMb", 768)).add("redis", Json.createObjectBuilder().add("memoryMb", 64))).build());
    BackpackSpec spec = new BackpackSpec(SHOP, KEY, deployment);
    Map<String, String> ids = ids(cut.secrets(spec));
    ServiceSpec core = cut.core(spec, ids);
    assertEquals(3L, core.getMode().getReplicated().getReplicas());
    assertEquals(1_500_000_000L, core.getTaskTemplate().getResources().getLimits().getNanoCPUs());
    assertEquals(768L * 1024 * 1024, core.getTaskTemplate().getResources().getLimits().getMemoryBytes());
    ServiceSpec redis = cut.redis(spec, ids);
    assertEquals(1L, redis.getMode().getReplicated().getReplicas(), "replicas are the core's only");
    assertEquals(64L * 1024 * 1024, redis.getTaskTemplate().getResources().getLimits().getMemoryBytes());
    assertNull(redis.getTaskTemplate().getResources().getLimits().getNanoCPUs());
    assertNull(cut.postgres(spec, ids).getTaskTemplate().getResources(), "no limits set, none sent");
  }

  @Test
  void theDatabaseLimitsReachWhicheverDatabaseServiceTheEngineHas() {
    Deployment deployment = Deployment.DEFAULT.with(Json.createObjectBuilder().add("limits", Json.createObjectBuilder().add("database", Json.createObjectBuilder().add("cpus", 0.5).add("memoryMb", 256))).build());
    BackpackSpec spec = new BackpackSpec(SHOP, KEY, deployment);
    ServiceSpec postgres = cut.postgres(spec, ids(cut.secrets(spec)));
    ServiceSpec mongo = cut.mongo(spec, ids(cut.secrets(spec, MONGODB)));
    for (ServiceSpec database : List.of(postgres, mongo)) {
      assertEquals(500_000_000L, database.getTaskTemplate().getResources().getLimits().getNanoCPUs(), database.getName());
      assertEquals(256L * 1024 * 1024, database.getTaskTemplate().getResources().getLimits().getMemoryBytes(), database.getName());
    }
    assertEquals("database", SwarmServices.limitsKey("postgres"));
    assertEquals("database", SwarmServices.limitsKey("mongo"));
    assertEquals("core", SwarmServices.limitsKey("core"));
  }

  @Test
  void theEngineSettingNamesPostgresOrMongodb() {
    assertEquals(POSTGRES, SwarmServices.Engine.of("postgres"));
    assertEquals(MONGODB, SwarmServices.Engine.of(" MongoDB "));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SwarmServices.Engine.of("mysql"));
    assertEquals("backpack.swarm.engine=mysql is not an engine; use postgres or mongodb", e.getMessage());
  }

  @Test
  void everythingCarriesTheBackpacksLabelSoRemovalFindsIt() {
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    Map<String, String> ids = ids(cut.secrets(spec));
    ids.putAll(ids(cut.secrets(spec, MONGODB)));
    for (ServiceSpec service : List.of(cut.core(spec, ids), cut.postgres(spec, ids), cut.mongo(spec, ids), cut.redis(spec, ids))) {
      assertEquals("shop", service.getLabels().get(SwarmServices.BACKPACK_LABEL), service.getName());
      assertEquals("shop", service.getTaskTemplate().getContainerSpec().getLabels().get(SwarmServices.BACKPACK_LABEL), service.getName());
      service.getTaskTemplate().getContainerSpec().getMounts().forEach(m -> assertEquals("shop", m.getVolumeOptions().getLabels().get(SwarmServices.BACKPACK_LABEL), m.getSource()));
    }
    assertEquals(List.of("bp-shop-files", "bp-shop-postgres", "bp-shop-redis"), SwarmServices.volumes(SHOP, POSTGRES));
    assertEquals(List.of("bp-shop-files", "bp-shop-mongo", "bp-shop-redis"), SwarmServices.volumes(SHOP, MONGODB));
  }

  private static void assertNoSecretIn(List<String> env, Map<String, String> secrets) {
    for (String variable : env) {
      for (String value : secrets.values()) {
        assertFalse(variable.contains(value), variable + " carries a secret");
      }
    }
  }

  // the file name in /run/secrets → the secret's name
  private static Map<String, String> files(ContainerSpec container) {
    Map<String, String> files = new HashMap<>();
    for (ContainerSpecSecret secret : container.getSecrets()) {
      files.put(secret.getFile().getName(), secret.getSecretName());
    }
    return files;
  }

  private static List<String> targets(ServiceSpec service) {
    return service.getTaskTemplate().getNetworks().stream().map(NetworkAttachmentConfig::getTarget).toList();
  }

  private static Map<String, String> ids(Map<String, String> secrets) {
    Map<String, String> ids = new HashMap<>();
    secrets.keySet().forEach(name -> ids.put(name, "id-" + name));
    return ids;
  }
}
