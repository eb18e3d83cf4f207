package dev.backpack.admin.drivers.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.backpack.admin.drivers.control.DriverException;
import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.DeploymentStatus;
import dev.backpack.deployment.BackpackName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swarm driver with a real Docker client whose engine is not there (a socket path nothing
 * listens on): every operation says once, plainly, that Docker does not answer and what to do.
 * The driver against a running engine is the launcher's {@code SwarmIT}.
 */
class SwarmDriverTest {

  @TempDir Path tmp;

  DockerClient docker;
  SwarmDriver cut;
  String host;
  final List<String> steps = new ArrayList<>();
  final BackpackSpec shop = new BackpackSpec(new BackpackName("shop"), "k".repeat(43));

  @BeforeEach
  void noEngine() {
    host = "unix://" + tmp.resolve("docker.sock");
    SwarmSettings settings = new SwarmSettings();
    settings.dockerHost = host;
    DockerClients clients = new DockerClients();
    clients.settings = settings;
    docker = clients.client();
    cut = new SwarmDriver();
    cut.settings = settings;
    cut.docker = docker;
  }

  @AfterEach
  void close() {
    new DockerClients().close(docker);
  }

  @Test
  void aCreateStopsAtTheFirstStepWithWhatToDo() {
    DriverException e = assertThrows(DriverException.class, () -> cut.create(shop, steps::add));
    assertEquals(List.of("Checking the swarm at " + host), steps);
    assertTrue(e.getMessage().startsWith("Docker at " + host + " does not answer ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("); start dockerd or set backpack.swarm.docker-host"), e.getMessage());
  }

  @Test
  void aRemoveGivesOneReasonInsteadOfOnePerKindOfThing() {
    DriverException e = assertThrows(DriverException.class, () -> cut.remove(shop, steps::add));
    assertEquals(List.of(), steps, "nothing was removed");
    assertTrue(e.getMessage().startsWith("Docker at " + host + " does not answer ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("): nothing of shop could be checked or removed there"), e.getMessage());
  }

  @Test
  void theStatusIsFailedWithTheReason() {
    DeploymentStatus status = cut.status(shop.name());
    assertEquals(DeploymentStatus.State.FAILED, status.state());
    assertTrue(status.detail().startsWith("Docker does not answer: "), status.detail());
  }
}
