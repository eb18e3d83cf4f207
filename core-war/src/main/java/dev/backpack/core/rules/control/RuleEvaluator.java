package dev.backpack.core.rules.control;

import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.problems.entity.ProblemException;
import java.util.Optional;
import org.bson.Document;

/**
 * Evaluates a collection's rules for a caller: the one place that decides access to records, for
 * REST, realtime and the admin API alike (it knows nothing of HTTP or WebSocket).
 *
 * <ul>
 *   <li>{@code public}: anyone;
 *   <li>{@code signedIn}: any signed-in user;
 *   <li>{@code owner}: the user in the record's {@code owner} field; for {@code list} the list is
 *       narrowed to the caller's records; for {@code create} any signed-in user, who becomes the
 *       owner;
 *   <li>{@code admin}: only the backpack admin key.
 * </ul>
 *
 * The admin key passes every rule. Refusals: 401 when nobody is signed in, 403 otherwise.
 */
public final class RuleEvaluator {

  private RuleEvaluator() {}

  /** Whether {@code caller} may do {@code action} on a record owned by {@code owner}. */
  public static boolean allows(Rules rules, String action, Caller caller, String owner) {
    if (caller.admin()) {
      return true;
    }
    return switch (rules.of(action)) {
      case "public" -> true;
      case "signedIn" -> caller.signedIn();
      case "owner" -> caller.signedIn() && (action.equals("create") || caller.userId().equals(owner));
      default -> false;
    };
  }

  /** 401/403 unless the caller may do {@code action} on a record owned by {@code owner}. */
  public static void require(Rules rules, String action, Caller caller, String owner) {
    if (!allows(rules, action, caller, owner)) {
      throw refusal(rules, action, caller);
    }
  }

  /**
   * For {@code list}: 401/403 when the caller may not list at all, otherwise the filter that
   * narrows the list to what the caller may see (empty for everything).
   */
  public static Optional<Document> listScope(Rules rules, Caller caller) {
    if (caller.admin()) {
      return Optional.empty();
    }
    String rule = rules.of("list");
    if (rule.equals("owner") && caller.signedIn()) {
      return Optional.of(new Document("owner", caller.userId()));
    }
    if (!allows(rules, "list", caller, null)) {
      throw refusal(rules, "list", caller);
    }
    return Optional.empty();
  }

  private static ProblemException refusal(Rules rules, String action, Caller caller) {
    String rule = rules.of(action);
    if (!caller.signedIn() && !rule.equals("admin")) {
      return ProblemException.unauthorized("Sign in to " + action + " records of this collection.");
    }
    if (rule.equals("admin")) {
      return caller.signedIn()
          ? ProblemException.forbidden("Only the backpack admin may " + action + " records here.")
          : ProblemException.unauthorized("Only the backpack admin may " + action + " records here.");
    }
    return ProblemException.forbidden("Only the record's owner may " + action + " it.");
  }
}
