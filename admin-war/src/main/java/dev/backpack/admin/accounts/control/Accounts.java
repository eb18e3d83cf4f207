package dev.backpack.admin.accounts.control;

import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.platform.control.PlatformSettings;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Sign-up, sign-in and sign-out with their rate limits: the use cases behind /admin/api/auth. */
@ApplicationScoped
public class Accounts {

  /** An account with a fresh session token. */
  public record SignedIn(Account account, String token) {}

  @Inject AccountStore store;
  @Inject Sessions sessions;
  @Inject RateLimits limits;
  @Inject PlatformSettings settings;

  /**
   * Signs up: the first account becomes the platform owner, later ones developers while the owner
   * keeps registration open (403 otherwise).
   */
  public SignedIn register(String email, String password, String address) {
    String normal = Emails.normalise(email);
    String secret = Passwords.requireAcceptable(password);
    Map<String, Integer> counters = limits.registerLimits(address);
    limits.check(counters);
    if (store.hasOwner() && !settings.registrationOpen()) {
      throw ProblemException.forbidden("Registration of new developers is closed on this platform; ask its owner.");
    }
    limits.hit(counters.keySet());
    Account account = store.insert(normal, Passwords.hash(secret));
    return new SignedIn(account, sessions.start(account.id().toString()));
  }

  /** Signs in; 401 for a wrong email or password alike, 429 past the limits. */
  public SignedIn login(String email, String password, String address) {
    String normal = email.trim().toLowerCase(Locale.ROOT);
    Map<String, Integer> counters = limits.loginLimits(normal, address);
    limits.check(counters);
    if (password.length() > Passwords.MAX_LENGTH * 2 || normal.length() > Emails.MAX_LENGTH) {
      limits.hit(counters.keySet());
      throw wrongCredentials();
    }
    var found = store.credentials(normal);
    if (found.isEmpty()) {
      Passwords.verifyDummy(password);
      limits.hit(counters.keySet());
      throw wrongCredentials();
    }
    if (!Passwords.verify(password, found.get().passwordHash())) {
      limits.hit(counters.keySet());
      throw wrongCredentials();
    }
    limits.reset(limits.loginEmailCounter(normal));
    Account account = found.get().account();
    return new SignedIn(account, sessions.start(account.id().toString()));
  }

  public void logout(String token) {
    sessions.end(token);
  }

  /** The signed-in account; 401 when it no longer exists. */
  public Account account(UUID id) {
    return store.find(id).orElseThrow(() -> ProblemException.unauthorized("Your account no longer exists; sign in again."));
  }

  public long ttlSeconds() {
    return sessions.ttlSeconds();
  }

  private static ProblemException wrongCredentials() {
    return ProblemException.unauthorized("The email or the password is wrong.");
  }
}
