package dev.backpack.admin.accounts.boundary;

import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * CSRF defence for every write (POST, PUT, PATCH, DELETE) of the platform API, sign-in and sign-up
 * included (no login CSRF). A request that carries an {@code Authorization} header is not a
 * browser's forged request (a browser never adds one by itself; the same for the launcher's {@code
 * X-Backpack-System-Key}). Any other write must carry an
 * {@code X-Requested-With} header (a cross-site form cannot send one, and a cross-site script
 * cannot without a CORS preflight the platform never grants) or an {@code Origin} equal to the
 * platform's own. The session cookie is also {@code SameSite=Strict}. 403 otherwise.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CsrfFilter implements ContainerRequestFilter {

  public static final String HEADER = "X-Requested-With";

  /** The launcher's key header: like Authorization, never added by a browser on its own. */
  static final String SYSTEM_KEY = "X-Backpack-System-Key";
  static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  public void filter(ContainerRequestContext request) {
    if (SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
      return;
    }
    if (request.getHeaderString("Authorization") != null || request.getHeaderString(HEADER) != null || request.getHeaderString(SYSTEM_KEY) != null) {
      return;
    }
    String origin = request.getHeaderString("Origin");
    if (origin != null && sameOrigin(origin, request)) {
      return;
    }
    throw ProblemException.forbidden(
        "Cross-site request refused: a write must carry an X-Requested-With header (the admin app sends it) or come from this platform's origin.");
  }

  static boolean sameOrigin(String origin, ContainerRequestContext request) {
    try {
      URI from = URI.create(origin);
      URI self = request.getUriInfo().getBaseUri();
      String host = request.getHeaderString("Host");
      return from.getScheme() != null
          && from.getScheme().equalsIgnoreCase(self.getScheme())
          && host != null
          && host.equalsIgnoreCase(from.getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
