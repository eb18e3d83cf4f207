package dev.backpack.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The platform's JSON API, rooted at {@code /admin/api}. */
@ApplicationPath("api")
public class AdminApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // no WADL: OPTIONS and application.wadl would otherwise answer XML instead of problem+json
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
