package dev.backpack.core.health.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import dev.backpack.core.config.BackpackSettings;

/** This backpack's part of the platform's MicroProfile Health ({@code /health/ready}). */
@Readiness
@ApplicationScoped
public class BackpackReadiness implements HealthCheck {

  @Inject BackendChecks checks;
  @Inject BackpackSettings settings;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("backpack-" + settings.name());
    boolean up = true;
    for (var check : checks.check().entrySet()) {
      response.withData(check.getKey(), check.getValue() ? "UP" : "DOWN");
      up &= check.getValue();
    }
    return response.status(up).build();
  }
}
