package dev.backpack.core.auth.control;

import dev.backpack.core.auth.entity.User;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Registration, sign-in and sign-out with their rate limits: the use cases behind /api/auth. */
@ApplicationScoped
public class Accounts {

  /** A user with a fresh session token. */
  public record SignedIn(User user, String token) {}

  @Inject UserStore users;
  @Inject Sessions sessions;
  @Inject RateLimits limits;

  public SignedIn register(Object email, Object password, String address) {
    String normal = Emails.normalise(email);
    String secret = Passwords.requireAcceptable(password);
    limits.check(limits.registerLimits(address));
    limits.hit(limits.registerLimits(address).keySet());
    User user = users.register(normal, secret);
    return new SignedIn(user, sessions.start(user.id()));
  }

  public SignedIn login(Object email, Object password, String address) {
    if (!(email instanceof String) || !(password instanceof String secret)) {
      throw ProblemException.invalid("email", "email and password are required strings");
    }
    String normal = ((String) email).trim().toLowerCase(java.util.Locale.ROOT);
    var counters = limits.loginLimits(normal, address);
    limits.check(counters);
    if (secret.length() > Passwords.MAX_LENGTH * 2 || normal.length() > Emails.MAX_LENGTH) {
      limits.hit(counters.keySet());
      throw wrongCredentials();
    }
    User user =
        users
            .authenticate(normal, secret)
            .orElseThrow(
                () -> {
                  limits.hit(counters.keySet());
                  return wrongCredentials();
                });
    limits.reset(limits.loginEmailCounter(normal));
    return new SignedIn(user, sessions.start(user.id()));
  }

  public void logout(String token) {
    sessions.end(token);
  }

  public User me(String userId) {
    return users
        .find(userId)
        .orElseThrow(() -> ProblemException.unauthorized("Your account no longer exists."));
  }

  public long ttlSeconds() {
    return sessions.ttlSeconds();
  }

  private static ProblemException wrongCredentials() {
    return ProblemException.unauthorized("The email or the password is wrong.");
  }
}
