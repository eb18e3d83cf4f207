package dev.backpack.core.auth.entity;

import dev.backpack.core.problems.entity.ProblemException;

/**
 * Who makes a request: a signed-in user ({@code userId}), the platform with the backpack admin
 * key ({@code admin}), both, or nobody.
 */
public record Caller(String userId, boolean admin) {

  public static final Caller ANONYMOUS = new Caller(null, false);

  public boolean signedIn() {
    return userId != null;
  }

  /** 401 unless a user is signed in (the admin key alone is not a user). */
  public String requireUser() {
    if (userId == null) {
      throw ProblemException.unauthorized("Sign in first: send your session token or cookie.");
    }
    return userId;
  }

  /** 401 unless signed in or the admin key was given. */
  public void requireSignedInOrAdmin() {
    if (userId == null && !admin) {
      throw ProblemException.unauthorized("Sign in first: send your session token or cookie.");
    }
  }

  /** Whether this caller may touch what {@code ownerId} owns. */
  public boolean owns(String ownerId) {
    return admin || (userId != null && userId.equals(ownerId));
  }
}
