package dev.backpack.core.auth.control;

import dev.backpack.core.admin.control.AdminKeys;
import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the {@link Caller} of the current HTTP request once: the admin key header, a bearer
 * token or the session cookie.
 *
 * <p>CSRF: a write (POST, PUT, PATCH, DELETE) authenticated by the cookie alone must come from
 * this backpack's own origin ({@code Origin} equal to the request's scheme, host and port) or carry
 * an {@code X-Requested-With} header, which a cross-site form cannot send and a cross-site script
 * cannot send without a CORS preflight that Backpack does not grant. The cookie is also {@code
 * SameSite=Lax}. Bearer-token requests need neither: a browser never adds that header by itself.
 */
@RequestScoped
public class CurrentCaller {

  public static final String COOKIE = "bp_session";
  static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject HttpServletRequest request;
  @Inject Sessions sessions;
  @Inject AdminKeys adminKeys;

  private Caller caller;
  private String token;

  public Caller get() {
    if (caller == null) {
      caller = resolve();
    }
    return caller;
  }

  /** The session token this request was authenticated with, if any. */
  public Optional<String> token() {
    get();
    return Optional.ofNullable(token);
  }

  private Caller resolve() {
    boolean admin = adminKeys.isAdmin(request.getHeader(AdminKeys.HEADER));
    String bearer = bearer();
    if (bearer != null) {
      String userId =
          sessions
              .userOf(bearer)
              .orElseThrow(
                  () ->
                      ProblemException.unauthorized(
                          "The session token is invalid or expired; sign in again."));
      token = bearer;
      return new Caller(userId, admin);
    }
    String cookie = cookie();
    if (cookie != null) {
      Optional<String> userId = sessions.userOf(cookie);
      if (userId.isPresent()) {
        requireSameOrigin();
        token = cookie;
        return new Caller(userId.get(), admin);
      }
    }
    return new Caller(null, admin);
  }

  private String bearer() {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return null;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ProblemException.unauthorized("Use 'Authorization: Bearer <token>'.");
    }
    return header.substring(7).trim();
  }

  private String cookie() {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName())) {
        return c.getValue();
      }
    }
    return null;
  }

  private void requireSameOrigin() {
    if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
      return;
    }
    if (request.getHeader("X-Requested-With") != null) {
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && sameOrigin(origin)) {
      return;
    }
    throw ProblemException.forbidden(
        "Cross-site request refused: a write signed in by cookie must come from this backpack's"
            + " origin or carry an X-Requested-With header (the SDK sends it).");
  }

  private boolean sameOrigin(String origin) {
    try {
      URI uri = URI.create(origin);
      String host = request.getHeader("Host");
      return uri.getScheme() != null
          && uri.getScheme().equalsIgnoreCase(request.getScheme())
          && host != null
          && host.equalsIgnoreCase(uri.getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
