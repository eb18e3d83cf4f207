package dev.backpack.admin.drivers.control;

import dev.backpack.admin.drivers.entity.BackpackSpec;
import dev.backpack.admin.drivers.entity.DeploymentStatus;
import dev.backpack.admin.drivers.entity.Progress;
import dev.backpack.deployment.BackpackName;
import java.net.URI;

/**
 * Creates, runs and removes backpacks on one kind of infrastructure: in this JVM ({@code
 * inprocess}), or a service per backpack on Docker Swarm ({@code swarm}, issue 8). The platform's
 * API, operations and registry never know which one runs; the registry (PostgreSQL) stays the
 * platform's, a driver keeps only what it deploys.
 *
 * <p>Every method may block for as long as the work takes (operations run on their own thread) and
 * reports its steps through {@link Progress}. Failures are {@link DriverException}s whose message is
 * fit for a user.
 */
public interface BackpackDriver {

  /**
   * The name configuration chooses this driver by ({@code backpack.driver}).
   *
   * @return e.g. {@code inprocess}
   */
  String id();

  /**
   * Brings a new backpack up with no data: configuration, deployment, and waiting until its {@code
   * /api/health} answers 200. Leftovers of an earlier backpack of the same name (data the registry
   * no longer knows) are removed first, so nothing of it reaches the new owner. On failure the
   * caller calls {@link #remove} to undo whatever was done.
   *
   * @param spec the backpack
   * @param progress receives the steps
   * @throws DriverException when a step fails
   */
  void create(BackpackSpec spec, Progress progress);

  /**
   * Brings an existing backpack up again with its data (platform start), waiting for its health.
   *
   * @param spec the backpack
   * @param progress receives the steps
   * @throws DriverException when a step fails
   */
  void start(BackpackSpec spec, Progress progress);

  /**
   * Removes a backpack completely: undeploys it, then deletes its database, its Redis keys and its
   * files. Idempotent and tolerant of a half-made backpack (it is also the rollback of {@link
   * #create}); other backpacks are not disturbed.
   *
   * @param spec the backpack
   * @param progress receives the steps
   * @throws DriverException when something could not be removed (what could, was)
   */
  void remove(BackpackSpec spec, Progress progress);

  /**
   * Where the backpack stands, cheaply (called for every backpack of a list).
   *
   * @param name the backpack
   * @return its status; {@code down} when the driver knows nothing of it
   */
  DeploymentStatus status(BackpackName name);

  /**
   * Where browsers and SDKs reach the backpack.
   *
   * @param name the backpack
   * @return its base URL, ending in {@code /}
   */
  URI publicUrl(BackpackName name);

  /**
   * Where the platform reaches the backpack's admin API (loopback in-process, an internal network
   * on Swarm; never through the public router).
   *
   * @param name the backpack
   * @return its base URL, ending in {@code /}
   */
  URI internalUrl(BackpackName name);

  /**
   * Whether {@link #update} can change replicas and limits (the SPA shows the controls only then).
   *
   * @return false for a driver that runs exactly one instance with the platform's limits
   */
  default boolean scalable() {
    return false;
  }

  /**
   * Applies a new {@link dev.backpack.admin.drivers.entity.Deployment} (replicas, CPU and memory
   * limits) to a running backpack and waits until it has converged, reporting the steps.
   *
   * @param spec the backpack with its new deployment
   * @param progress receives the steps
   * @throws UnsupportedOperationException when the driver is not {@link #scalable()}
   * @throws DriverException when the change could not be applied or did not converge
   */
  default void update(BackpackSpec spec, Progress progress) {
    throw new UnsupportedOperationException("The " + id() + " driver runs every backpack as one instance inside the platform's process; replicas and limits need the swarm driver (backpack.driver=swarm).");
  }
}
