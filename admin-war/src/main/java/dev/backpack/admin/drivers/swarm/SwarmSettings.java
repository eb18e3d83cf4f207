package dev.backpack.admin.drivers.swarm;

import dev.backpack.admin.drivers.control.DriverException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Swarm driver's settings ({@code backpack.swarm.*}, in a container {@code BACKPACK_SWARM_*}).
 * Read only when {@code backpack.driver=swarm}.
 */
@ApplicationScoped
public class SwarmSettings {

  /** How the platform reaches a backpack's admin API. */
  public enum Access {
    /** over the internal overlay network, by service name (the platform runs as a service on it). */
    NETWORK,
    /**
     * through a port each core task publishes in host mode on 127.0.0.1's engine (the platform runs
     * outside the swarm, on a manager: development and this project's tests).
     */
    HOST
  }

  @Inject
  @ConfigProperty(name = "backpack.swarm.docker-host", defaultValue = "unix:///var/run/docker.sock")
  String dockerHost;

  @Inject
  @ConfigProperty(name = "backpack.swarm.domain", defaultValue = "localhost")
  String domain;

  @Inject
  @ConfigProperty(name = "backpack.swarm.public-scheme", defaultValue = "https")
  String publicScheme;

  @Inject
  @ConfigProperty(name = "backpack.swarm.core-image", defaultValue = "backpack/core:latest")
  String coreImage;

  @Inject
  @ConfigProperty(name = "backpack.swarm.engine", defaultValue = "postgres")
  String engine;

  @Inject
  @ConfigProperty(name = "backpack.swarm.postgres-image", defaultValue = "postgres:16")
  String postgresImage;

  @Inject
  @ConfigProperty(name = "backpack.swarm.mongo-image", defaultValue = "mongo:7")
  String mongoImage;

  @Inject
  @ConfigProperty(name = "backpack.swarm.redis-image", defaultValue = "redis:7")
  String redisImage;

  @Inject
  @ConfigProperty(name = "backpack.swarm.public-network", defaultValue = "backpack_public")
  Optional<String> publicNetwork;

  @Inject
  @ConfigProperty(name = "backpack.swarm.internal-network", defaultValue = "backpack_internal")
  Optional<String> internalNetwork;

  @Inject
  @ConfigProperty(name = "backpack.swarm.entrypoints", defaultValue = "websecure")
  String entrypoints;

  @Inject
  @ConfigProperty(name = "backpack.swarm.cert-resolver", defaultValue = "le")
  Optional<String> certResolver;

  @Inject
  @ConfigProperty(name = "backpack.swarm.endpoint-mode", defaultValue = "vip")
  String endpointMode;

  @Inject
  @ConfigProperty(name = "backpack.swarm.access", defaultValue = "network")
  String access;

  @Inject
  @ConfigProperty(name = "backpack.swarm.mongo-auth", defaultValue = "true")
  boolean mongoAuth;

  @Inject
  @ConfigProperty(name = "backpack.swarm.data-constraint")
  Optional<String> dataConstraint;

  @Inject
  @ConfigProperty(name = "backpack.platform.health-timeout-seconds", defaultValue = "120")
  int convergeTimeoutSeconds;

  /** The Docker engine of a manager node, e.g. {@code unix:///var/run/docker.sock}. */
  public String dockerHost() {
    return dockerHost;
  }

  /**
   * What the pure spec builder needs.
   *
   * @throws DriverException when {@code backpack.swarm.engine} is neither postgres nor mongodb
   */
  public SwarmServices.Options options() {
    SwarmServices.Engine chosen;
    try {
      chosen = SwarmServices.Engine.of(engine);
    } catch (IllegalArgumentException e) {
      throw new DriverException(e.getMessage());
    }
    return new SwarmServices.Options(
        coreImage,
        chosen,
        postgresImage,
        mongoImage,
        redisImage,
        domain,
        blankToNull(publicNetwork),
        blankToNull(internalNetwork),
        entrypoints,
        blankToNull(certResolver),
        "dnsrr".equalsIgnoreCase(endpointMode),
        access() == Access.HOST,
        mongoAuth,
        blankToNull(dataConstraint));
  }

  public String publicScheme() {
    return publicScheme;
  }

  public String domain() {
    return domain;
  }

  public Access access() {
    return "host".equalsIgnoreCase(access) ? Access.HOST : Access.NETWORK;
  }

  public int convergeTimeoutSeconds() {
    return convergeTimeoutSeconds;
  }

  private static String blankToNull(Optional<String> value) {
    return value.map(String::trim).filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("none")).orElse(null);
  }
}
