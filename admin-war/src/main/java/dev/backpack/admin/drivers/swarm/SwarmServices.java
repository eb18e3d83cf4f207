package dev.backpack.admin.drivers.swarm;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.Deployment;
import dev.backpack.deployment.BackpackName;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What one backpack is on Swarm, as data: the names of its network, secrets, volumes and services,
 * their labels, and the service specs (the Traefik labels among them). No Docker calls here, so
 * every rule is checked by a unit test; {@link SwarmDriver} sends these to the engine.
 *
 * <p>A backpack {@code shop} on the {@code postgres} engine (the default) is: the overlay network
 * {@code bp-shop} (private: only its services), the services {@code bp-shop-core} (Payara Micro
 * with core-war, on the private, public and internal networks), {@code bp-shop-postgres} and
 * {@code bp-shop-redis} (private network only), the volumes {@code bp-shop-files}, {@code
 * bp-shop-postgres}, {@code bp-shop-redis}, and the secrets {@code bp-shop-admin-key}, {@code
 * bp-shop-postgres-password}, {@code bp-shop-redis-uri}, {@code bp-shop-redis-password}. On the
 * {@code mongodb} engine the database service, its volume and secrets are {@code bp-shop-mongo},
 * {@code bp-shop-mongo-password} and {@code bp-shop-mongodb-uri} instead. Everything carries the
 * label {@value #BACKPACK_LABEL}{@code =shop}, which is how removal finds it all.
 */
public final class SwarmServices {

  /** On everything of a backpack: its name. */
  public static final String BACKPACK_LABEL = "dev.backpack.backpack";
  /** On services and containers: core, postgres, mongo or redis. */
  public static final String ROLE_LABEL = "dev.backpack.role";
  /** The core's HTTP port in its container. */
  public static final int CORE_PORT = 8080;
  /** The user, owner of the database {@value #POSTGRES_DATABASE}, of a backpack's PostgreSQL service. */
  public static final String POSTGRES_USER = "backpack";
  /** The database of a backpack's PostgreSQL service. */
  public static final String POSTGRES_DATABASE = "backpack";
  /** The schema the core keeps its tables in: the database's own, which its owner may create in. */
  public static final String POSTGRES_SCHEMA = "public";
  /** Connections of one core task's pool ({@code backpack.postgres.max-connections}). */
  public static final int CORE_POOL = 10;
  /** {@code max_connections} of a backpack's PostgreSQL: every replica's pool, and some for an operator. */
  public static final int POSTGRES_MAX_CONNECTIONS = Deployment.MAX_REPLICAS * CORE_POOL + 10;

  /** Where a backpack keeps its records, collections, users and file metadata. */
  public enum Engine {
    /** a PostgreSQL service of the backpack's own (the default). */
    POSTGRES("postgres"),
    /** a MongoDB service of the backpack's own (the behaviour before PostgreSQL). */
    MONGODB("mongo");

    private final String role;

    Engine(String role) {
      this.role = role;
    }

    /** The role (and service name suffix) of the engine's database service: postgres or mongo. */
    public String role() {
      return role;
    }

    /** {@code postgres} or {@code mongodb}, as {@code backpack.swarm.engine} says it. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The engine {@code backpack.swarm.engine} names.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Engine of(String id) {
      for (Engine engine : values()) {
        if (engine.id().equalsIgnoreCase(id.trim())) {
          return engine;
        }
      }
      throw new IllegalArgumentException("backpack.swarm.engine=" + id + " is not an engine; use postgres or mongodb");
    }
  }

  /**
   * The driver's choices that are the same for every backpack.
   *
   * @param coreImage Payara Micro + core-war
   * @param engine the database of a new backpack (one that exists keeps the one it has)
   * @param postgresImage PostgreSQL ({@code postgres:16}) or an image configured like it
   * @param mongoImage MongoDB ({@code mongo:7}) or a wire-protocol stand-in
   * @param redisImage Redis ({@code redis:7}) or a stand-in with {@code redis-server} on the PATH
   * @param domain a backpack {@code shop} is {@code shop.<domain>}
   * @param publicNetwork Traefik's network, null for none
   * @param internalNetwork the platform's network to the backpacks' admin APIs, null for none
   * @param entrypoints Traefik entry points of the routers (comma-separated)
   * @param certResolver Traefik's ACME resolver, null for no TLS on the router
   * @param dnsrr {@code endpoint_mode: dnsrr} instead of a virtual IP (kernels without IPVS)
   * @param publishHostPort each core task publishes 8080 on a random host port (host mode)
   * @param mongoAuth MongoDB with a root user (false only for a stand-in without authentication)
   * @param dataConstraint placement constraint of the database and Redis (their volumes are local
   *     to a node), null for none
   */
  public record Options(
      String coreImage,
      Engine engine,
      String postgresImage,
      String mongoImage,
      String redisImage,
      String domain,
      String publicNetwork,
      String internalNetwork,
      String entrypoints,
      String certResolver,
      boolean dnsrr,
      boolean publishHostPort,
      boolean mongoAuth,
      String dataConstraint) {}

  private final Options options;

  public SwarmServices(Options options) {
    this.options = options;
  }

  /** {@code bp-<name>}: the prefix of everything, and the private network's name. */
  public static String prefix(BackpackName name) {
    return "bp-" + name.value();
  }

  public static String service(BackpackName name, String role) {
    return prefix(name) + "-" + role;
  }

  public static String network(BackpackName name) {
    return prefix(name);
  }

  /** The labels of everything of a backpack. */
  public static Map<String, String> labels(BackpackName name) {
    return Map.of(BACKPACK_LABEL, name.value());
  }

  /** The roles of a backpack's services on an engine, in the order they are created: database, redis, core. */
  public static List<String> roles(Engine engine) {
    return List.of(engine.role(), "redis", "core");
  }

  /** The secrets of a new backpack, on the configured engine. */
  public Map<String, String> secrets(BackpackSpec spec) {
    return secrets(spec, options.engine());
  }

  /**
   * The secrets of a backpack: name → content. Passwords derive from the admin key (stable across a
   * platform restart, so that a lost secret is recreated as it was and the volumes still open).
   */
  public Map<String, String> secrets(BackpackSpec spec, Engine engine) {
    BackpackName name = spec.name();
    String redisPassword = derive(spec.adminKey(), "redis");
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put(secret(name, "admin-key"), spec.adminKey());
    if (engine == Engine.MONGODB) {
      String mongoPassword = derive(spec.adminKey(), "mongo");
      secrets.put(
          secret(name, "mongodb-uri"),
          options.mongoAuth() ? "mongodb://backpack:" + mongoPassword + "@mongo:27017/?authSource=admin" : "mongodb://mongo:27017/");
      secrets.put(secret(name, "mongo-password"), mongoPassword);
    } else {
      secrets.put(secret(name, "postgres-password"), derive(spec.adminKey(), "postgres"));
    }
    secrets.put(secret(name, "redis-uri"), "redis://:" + redisPassword + "@redis:6379");
    secrets.put(secret(name, "redis-password"), redisPassword);
    return secrets;
  }

  /** The JDBC URL of a backpack's PostgreSQL service, by its service name on the private network. */
  public static String postgresUrl(BackpackName name) {
    return "jdbc:postgresql://" + service(name, "postgres") + ":5432/" + POSTGRES_DATABASE;
  }

  public static String secret(BackpackName name, String what) {
    return prefix(name) + "-" + what;
  }

  /** The Traefik v3 labels of the core service (Swarm provider reads service labels). */
  public Map<String, String> traefikLabels(BackpackName name) {
    String router = prefix(name);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("traefik.enable", "true");
    if (options.publicNetwork() != null) {
      labels.put("traefik.swarm.network", options.publicNetwork());
    }
    // the admin API is never routed: only the platform reaches it, over the internal network
    labels.put("traefik.http.routers." + router + ".rule", "Host(`" + host(name) + "`) && !PathPrefix(`/api/admin`)");
    labels.put("traefik.http.routers." + router + ".entrypoints", options.entrypoints());
    if (options.certResolver() != null) {
      labels.put("traefik.http.routers." + router + ".tls", "true");
      labels.put("traefik.http.routers." + router + ".tls.certresolver", options.certResolver());
    }
    labels.put("traefik.http.routers." + router + ".service", router);
    labels.put("traefik.http.services." + router + ".loadbalancer.server.port", Integer.toString(CORE_PORT));
    return labels;
  }

  /** Where browsers reach a backpack: {@code <name>.<domain>}. */
  public String host(BackpackName name) {
    return name.value() + "." + options.domain();
  }

  /** The core service of a new backpack, on the configured engine. */
  public ServiceSpec core(BackpackSpec spec, Map<String, String> secretIds) {
    return core(spec, options.engine(), secretIds);
  }

  /**
   * The core service: Payara Micro with core-war at {@code /}, settings by env, credentials by
   * secrets. Its engine follows from what it is given: {@code backpack.postgres.*} (URL, user and
   * schema in the environment, the password a secret file), or the secret {@code
   * backpack.mongodb.uri}, whose presence chooses the {@code mongodb} engine.
   */
  public ServiceSpec core(BackpackSpec spec, Engine engine, Map<String, String> secretIds) {
    BackpackName name = spec.name();
    Map<String, String> labels = new LinkedHashMap<>(roleLabels(name, "core"));
    labels.putAll(traefikLabels(name));
    List<String> env = new ArrayList<>();
    env.add("BACKPACK_NAME=" + name.value());
    if (engine == Engine.MONGODB) {
      env.add("BACKPACK_MONGODB_DATABASE=" + name.database());
    } else {
      env.add("BACKPACK_POSTGRES_URL=" + postgresUrl(name));
      env.add("BACKPACK_POSTGRES_USER=" + POSTGRES_USER);
      env.add("BACKPACK_POSTGRES_SCHEMA=" + POSTGRES_SCHEMA);
      env.add("BACKPACK_POSTGRES_MAX_CONNECTIONS=" + CORE_POOL);
    }
    env.add("BACKPACK_REDIS_PREFIX=" + name.redisPrefix());
    env.add("BACKPACK_FILES_DIR=/data/files");
    List<ContainerSpecSecret> secrets = new ArrayList<>();
    secrets.add(secretFile(secretIds, secret(name, "admin-key"), "backpack.admin.key"));
    if (engine == Engine.MONGODB) {
      secrets.add(secretFile(secretIds, secret(name, "mongodb-uri"), "backpack.mongodb.uri"));
    } else {
      secrets.add(secretFile(secretIds, secret(name, "postgres-password"), "backpack.postgres.password"));
    }
    secrets.add(secretFile(secretIds, secret(name, "redis-uri"), "backpack.redis.uri"));
    ContainerSpec container =
        new ContainerSpec()
            .withImage(options.coreImage())
            .withLabels(roleLabels(name, "core"))
            .withEnv(env)
            .withSecrets(secrets)
            .withMounts(List.of(volume(name, "files", "/data")));
    List<NetworkAttachmentConfig> networks = new ArrayList<>();
    networks.add(new NetworkAttachmentConfig().withTarget(network(name)).withAliases(List.of("core")));
    if (options.publicNetwork() != null) {
      networks.add(new NetworkAttachmentConfig().withTarget(options.publicNetwork()));
    }
    if (options.internalNetwork() != null) {
      networks.add(new NetworkAttachmentConfig().withTarget(options.internalNetwork()));
    }
    EndpointSpec endpoint = new EndpointSpec().withMode(options.dnsrr() ? EndpointResolutionMode.DNSRR : EndpointResolutionMode.VIP);
    if (options.publishHostPort()) {
      endpoint.withPorts(List.of(new PortConfig().withProtocol(PortConfigProtocol.TCP).withTargetPort(CORE_PORT).withPublishMode(PortConfig.PublishMode.host)));
    }
    return new ServiceSpec()
        .withName(service(name, "core"))
        .withLabels(labels)
        .withTaskTemplate(task(container, spec.deployment().limitsOf("core"), null).withNetworks(networks))
        .withMode(replicas(spec.deployment().replicas()))
        .withEndpointSpec(endpoint);
  }

  /** The database service of a backpack on an engine: {@link #postgres} or {@link #mongo}. */
  public ServiceSpec database(BackpackSpec spec, Engine engine, Map<String, String> secretIds) {
    return engine == Engine.MONGODB ? mongo(spec, secretIds) : postgres(spec, secretIds);
  }

  /**
   * PostgreSQL with its data volume, on the private network only, configured as the official image
   * reads it (which the stand-in reads too): at the first start (an empty volume) the user {@value
   * #POSTGRES_USER} with the password of the secret file, owner of the database {@value
   * #POSTGRES_DATABASE}, whose schema {@code public} the core migrates. {@code max_connections}
   * leaves room for every replica's pool.
   */
  public ServiceSpec postgres(BackpackSpec spec, Map<String, String> secretIds) {
    BackpackName name = spec.name();
    ContainerSpec container =
        new ContainerSpec()
            .withImage(options.postgresImage())
            .withLabels(roleLabels(name, "postgres"))
            .withEnv(
                List.of(
                    "POSTGRES_USER=" + POSTGRES_USER,
                    "POSTGRES_DB=" + POSTGRES_DATABASE,
                    "POSTGRES_PASSWORD_FILE=/run/secrets/postgres-password",
                    "PGDATA=/var/lib/postgresql/data"))
            .withArgs(List.of("-c", "max_connections=" + POSTGRES_MAX_CONNECTIONS))
            .withSecrets(List.of(secretFile(secretIds, secret(name, "postgres-password"), "postgres-password")))
            .withMounts(List.of(volume(name, "postgres", "/var/lib/postgresql/data")));
    return dataService(spec, "postgres", container);
  }

  /** MongoDB (or the stand-in) with its data volume, on the private network only. */
  public ServiceSpec mongo(BackpackSpec spec, Map<String, String> secretIds) {
    BackpackName name = spec.name();
    ContainerSpec container =
        new ContainerSpec().withImage(options.mongoImage()).withLabels(roleLabels(name, "mongo")).withMounts(List.of(volume(name, "mongo", "/data/db")));
    if (options.mongoAuth()) {
      container
          .withEnv(List.of("MONGO_INITDB_ROOT_USERNAME=backpack", "MONGO_INITDB_ROOT_PASSWORD_FILE=/run/secrets/mongo-password"))
          .withSecrets(List.of(secretFile(secretIds, secret(name, "mongo-password"), "mongo-password")));
    }
    return dataService(spec, "mongo", container);
  }

  /** Redis with a password and an append-only file on its volume, on the private network only. */
  public ServiceSpec redis(BackpackSpec spec, Map<String, String> secretIds) {
    BackpackName name = spec.name();
    ContainerSpec container =
        new ContainerSpec()
            .withImage(options.redisImage())
            .withLabels(roleLabels(name, "redis"))
            .withCommand(List.of("sh", "-c", "exec redis-server --appendonly yes --dir /data --requirepass \"$(cat /run/secrets/redis-password)\""))
            .withSecrets(List.of(secretFile(secretIds, secret(name, "redis-password"), "redis-password")))
            .withMounts(List.of(volume(name, "redis", "/data")));
    return dataService(spec, "redis", container);
  }

  /** The volumes a backpack's services mount on an engine. */
  public static List<String> volumes(BackpackName name, Engine engine) {
    return List.of(prefix(name) + "-files", prefix(name) + "-" + engine.role(), prefix(name) + "-redis");
  }

  private ServiceSpec dataService(BackpackSpec spec, String role, ContainerSpec container) {
    BackpackName name = spec.name();
    ServicePlacement placement = options.dataConstraint() == null ? null : new ServicePlacement().withConstraints(List.of(options.dataConstraint()));
    return new ServiceSpec()
        .withName(service(name, role))
        .withLabels(roleLabels(name, role))
        .withTaskTemplate(
            task(container, spec.deployment().limitsOf(limitsKey(role)), placement).withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network(name)).withAliases(List.of(role)))))
        .withMode(replicas(1))
        .withEndpointSpec(new EndpointSpec().withMode(options.dnsrr() ? EndpointResolutionMode.DNSRR : EndpointResolutionMode.VIP));
  }

  /** The key of a service's limits in a {@link Deployment}: {@code database} for postgres and mongo. */
  public static String limitsKey(String role) {
    return role.equals("postgres") || role.equals("mongo") ? "database" : role;
  }

  private static TaskSpec task(ContainerSpec container, Deployment.Limits limits, ServicePlacement placement) {
    TaskSpec task =
        new TaskSpec()
            .withContainerSpec(container)
            .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ANY).withDelay(2_000_000_000L));
    if (!limits.equals(Deployment.Limits.NONE)) {
      ResourceSpecs specs = new ResourceSpecs();
      if (limits.cpus() != null) {
        specs.withNanoCPUs(limits.nanoCpus());
      }
      if (limits.memoryMb() != null) {
        specs.withMemoryBytes(limits.memoryBytes());
      }
      task.withResources(new ResourceRequirements().withLimits(specs));
    }
    if (placement != null) {
      task.withPlacement(placement);
    }
    return task;
  }

  private static ServiceModeConfig replicas(int replicas) {
    return new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas));
  }

  private static Map<String, String> roleLabels(BackpackName name, String role) {
    return Map.of(BACKPACK_LABEL, name.value(), ROLE_LABEL, role);
  }

  private static Mount volume(BackpackName name, String what, String target) {
    return new Mount()
        .withType(MountType.VOLUME)
        .withSource(prefix(name) + "-" + what)
        .withTarget(target)
        .withVolumeOptions(new VolumeOptions().withLabels(labels(name)));
  }

  private static ContainerSpecSecret secretFile(Map<String, String> ids, String secret, String file) {
    String id = ids.get(secret);
    if (id == null) {
      throw new IllegalArgumentException("secret " + secret + " has not been created");
    }
    return new ContainerSpecSecret()
        .withSecretId(id)
        .withSecretName(secret)
        .withFile(new ContainerSpecFile().withName(file).withUid("0").withGid("0").withMode(0444L));
  }

  // a password only the admin key's holder can recompute: the same after a platform restart
  static String derive(String adminKey, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(adminKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("backpack-swarm-" + purpose).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
