package dev.backpack.admin.drivers.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Produces the platform's one {@link DockerClient} (docker-java over Apache HttpClient 5) for the
 * engine of {@code backpack.swarm.docker-host}, and closes it when admin-war stops. Created on
 * first use only, so the in-process driver never touches Docker. It never pulls and sends no
 * registry credentials: images must be on the nodes (or the nodes must reach their registry).
 */
@ApplicationScoped
public class DockerClients {

  private static final Logger LOG = Logger.getLogger(DockerClients.class.getName());

  @Inject SwarmSettings settings;

  @Produces
  @ApplicationScoped
  DockerClient client() {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(settings.dockerHost()).build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(20)
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    LOG.info("Swarm driver talks to " + config.getDockerHost());
    return DockerClientImpl.getInstance(config, http);
  }

  void close(@Disposes DockerClient client) {
    try {
      client.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the Docker client", e);
    }
  }
}
