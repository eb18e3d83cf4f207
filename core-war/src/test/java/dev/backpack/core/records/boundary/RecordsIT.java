package dev.backpack.core.records.boundary;

import dev.backpack.core.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The records contract on the {@code postgres} engine (the default), in a schema of its own. */
class RecordsIT extends RecordsContract {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("records");
  }
}
