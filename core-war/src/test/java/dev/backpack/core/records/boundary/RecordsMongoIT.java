package dev.backpack.core.records.boundary;

import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The records contract on the {@code mongodb} engine. It runs against the MongoDB wire server,
 * which is only this engine's test double (no real mongod can be installed here): nothing in the
 * product may depend on behaviour only the wire server has.
 */
class RecordsMongoIT extends RecordsContract {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("records-mongo", TestBackends.mongodb("it_records"));
  }
}
