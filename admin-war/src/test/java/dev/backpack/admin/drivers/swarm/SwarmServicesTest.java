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
      new SwarmServices.Options("backpack/core:1", "mongo:7", "redis:7", "example.org", "backpack_public", "backpack_internal", "websecure", "le", false, false, true, null);
  static final SwarmServices.Options TESTS =
      new SwarmServices.Options("backpack/core:dev", "backpack/mongo-standin:dev", "backpack/redis-standin:dev", "localhost", null, null, "web", null, true, true, false, null);

  static final BackpackName SHOP = new BackpackName("shop");
  static final String KEY = "k".repeat(43);

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
    for (String env : container.getEnv()) {
      for (String value : secrets.values()) {
        assertFalse(env.contains(value), env + " carries a secret");
      }
    }
    assertTrue(container.getEnv().contains("BACKPACK_MONGODB_DATABASE=bp_shop"));
    assertTrue(container.getEnv().contains("BACKPACK_REDIS_PREFIX=bp:shop:"));
    Map<String, String> files = new HashMap<>();
    for (ContainerSpecSecret secret : container.getSecrets()) {
      files.put(secret.getFile().getName(), secret.getSecretName());
    }
    assertEquals(Map.of("backpack.admin.key", "bp-shop-admin-key", "backpack.mongodb.uri", "bp-shop-mongodb-uri", "backpack.redis.uri", "bp-shop-redis-uri"), files);
    assertEquals(KEY, secrets.get("bp-shop-admin-key"));
    assertTrue(secrets.get("bp-shop-mongodb-uri").startsWith("mongodb://backpack:" + secrets.get("bp-shop-mongo-password") + "@mongo:27017/"));
    assertEquals("redis://:" + secrets.get("bp-shop-redis-password") + "@redis:6379", secrets.get("bp-shop-redis-uri"));
  }

  @Test
  void passwordsDeriveFromTheAdminKeySoARestartRecreatesTheSameOnes() {
    Map<String, String> once = cut.secrets(new BackpackSpec(SHOP, KEY));
    Map<String, String> again = cut.secrets(new BackpackSpec(SHOP, KEY));
    Map<String, String> other = cut.secrets(new BackpackSpec(SHOP, "x".repeat(43)));
    assertEquals(once, again);
    assertNotEquals(once.get("bp-shop-mongo-password"), other.get("bp-shop-mongo-password"));
    assertNotEquals(once.get("bp-shop-mongo-password"), once.get("bp-shop-redis-password"));
    assertTrue(once.get("bp-shop-mongo-password").matches("[A-Za-z0-9_-]{43}"));
  }

  @Test
  void theCoreJoinsItsPrivatePublicAndInternalNetworksButTheDataServicesOnlyThePrivateOne() {
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    Map<String, String> ids = ids(cut.secrets(spec));
    assertEquals(List.of("bp-shop", "backpack_public", "backpack_internal"), targets(cut.core(spec, ids)));
    assertEquals(List.of("bp-shop"), targets(cut.mongo(spec, ids)));
    assertEquals(List.of("bp-shop"), targets(cut.redis(spec, ids)));
    assertEquals(List.of("mongo"), cut.mongo(spec, ids).getTaskTemplate().getNetworks().get(0).getAliases());
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
    assertEquals("mongodb://mongo:27017/", tests.secrets(spec).get("bp-shop-mongodb-uri"));
    assertNull(tests.mongo(spec, ids(tests.secrets(spec))).getTaskTemplate().getContainerSpec().getSecrets());
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
    assertNull(cut.mongo(spec, ids).getTaskTemplate().getResources(), "no limits set, none sent");
  }

  @Test
  void everythingCarriesTheBackpacksLabelSoRemovalFindsIt() {
    BackpackSpec spec = new BackpackSpec(SHOP, KEY);
    Map<String, String> ids = ids(cut.secrets(spec));
    for (ServiceSpec service : List.of(cut.core(spec, ids), cut.mongo(spec, ids), cut.redis(spec, ids))) {
      assertEquals("shop", service.getLabels().get(SwarmServices.BACKPACK_LABEL), service.getName());
      assertEquals("shop", service.getTaskTemplate().getContainerSpec().getLabels().get(SwarmServices.BACKPACK_LABEL), service.getName());
      service.getTaskTemplate().getContainerSpec().getMounts().forEach(m -> assertEquals("shop", m.getVolumeOptions().getLabels().get(SwarmServices.BACKPACK_LABEL), m.getSource()));
    }
    assertEquals(List.of("bp-shop-files", "bp-shop-mongo", "bp-shop-redis"), SwarmServices.volumes(SHOP));
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
