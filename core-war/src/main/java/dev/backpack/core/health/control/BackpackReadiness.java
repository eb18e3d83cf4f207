package dev.backpack.core.health.control;

import dev.backpack.core.config.BackpackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * This backpack's part of the platform's MicroProfile Health ({@code /health/ready}).
 *
 * <p>Only where the server provides MicroProfile Health (Payara Micro, Payara Server): {@code
 * META-INF/beans.xml} excludes this class from bean discovery when {@code
 * org.eclipse.microprofile.health.HealthCheck} is not available (GlassFish 7). The check is a
 * producer rather than a class implementing {@code HealthCheck} so that a server without the API
 * can still load this class while scanning, instead of logging a class-loading failure.
 */
@ApplicationScoped
public class BackpackReadiness {

  @Inject BackendChecks checks;
  @Inject BackpackSettings settings;

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck readiness() {
    return this::call;
  }

  HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("backpack-" + settings.name());
    boolean up = true;
    for (var check : checks.check().entrySet()) {
      response.withData(check.getKey(), check.getValue() ? "UP" : "DOWN");
      up &= check.getValue();
    }
    return response.status(up).build();
  }
}
