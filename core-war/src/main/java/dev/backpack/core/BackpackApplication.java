package dev.backpack.core;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The backpack's REST API, rooted at {@code {base}/api}. */
@ApplicationPath("api")
public class BackpackApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // no WADL: OPTIONS and application.wadl would otherwise answer with XML instead of problem+json
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
