package dev.backpack.admin.accounts.control;

import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * The account behind the current request, resolved once: {@code Authorization: Bearer <token>} or
 * the session cookie. CSRF is checked before, for every write ({@code CsrfFilter}).
 */
@RequestScoped
public class CurrentAccount {

  public static final String COOKIE = "bp_admin_session";

  @Inject HttpServletRequest request;
  @Inject Sessions sessions;
  @Inject Accounts accounts;

  private Account account;
  private String token;
  private boolean resolved;

  /** The signed-in account; 401 otherwise. */
  public Account require() {
    return find().orElseThrow(() -> ProblemException.unauthorized("Sign in first."));
  }

  /** The platform owner; 401 when not signed in, 403 for a developer. */
  public Account requireOwner() {
    Account signedIn = require();
    if (!signedIn.isOwner()) {
      throw ProblemException.forbidden("Only the platform owner may do this.");
    }
    return signedIn;
  }

  /** The signed-in account, if any; a bearer token that is not valid is a 401 right away. */
  public Optional<Account> find() {
    if (!resolved) {
      resolved = true;
      resolve();
    }
    return Optional.ofNullable(account);
  }

  /** The token this request was authenticated with. */
  public Optional<String> token() {
    find();
    return Optional.ofNullable(token);
  }

  private void resolve() {
    String header = request.getHeader("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ProblemException.unauthorized("Use 'Authorization: Bearer <token>'.");
      }
      String bearer = header.substring(7).trim();
      String id = sessions.accountOf(bearer).orElseThrow(() -> ProblemException.unauthorized("The session token is invalid or expired; sign in again."));
      token = bearer;
      account = accounts.account(UUID.fromString(id));
      return;
    }
    String cookie = cookie();
    if (cookie != null) {
      Optional<String> id = sessions.accountOf(cookie);
      if (id.isPresent()) {
        token = cookie;
        account = accounts.account(UUID.fromString(id.get()));
      }
    }
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
}
