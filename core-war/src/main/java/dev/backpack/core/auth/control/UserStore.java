package dev.backpack.core.auth.control;

import dev.backpack.core.auth.entity.User;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;

/**
 * The backpack's users, kept by the {@link Engine}; the email is unique (ignoring case) in the
 * database itself, so two racing registrations of one email end with one user.
 */
@ApplicationScoped
public class UserStore {

  /** Fired after a user is deleted, so other features can remove what the user owned. */
  public record UserDeleted(String userId) {}

  @Inject Engine engine;
  @Inject Sessions sessions;
  @Inject Event<UserDeleted> deleted;

  public User register(String email, String password) {
    User user = new User(new ObjectId().toHexString(), email, new Date(), Passwords.hash(password));
    try {
      engine.insertUser(user);
    } catch (Engine.Duplicate e) {
      throw ProblemException.conflict("An account with this email exists; sign in instead.");
    }
    return user;
  }

  /** The user whose email and password match, or empty; takes the same time either way. */
  public Optional<User> authenticate(String email, String password) {
    Optional<User> user = findByEmail(email);
    if (user.isEmpty()) {
      Passwords.verifyDummy(password);
      return Optional.empty();
    }
    return Passwords.verify(password, user.get().passwordHash()) ? user : Optional.empty();
  }

  public Optional<User> find(String id) {
    return engine.user(id);
  }

  public User require(String id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("There is no user " + id + "."));
  }

  public Optional<User> findByEmail(String email) {
    return engine.userByEmail(email);
  }

  /** A page of users, oldest first, after the given id. */
  public List<User> list(String afterId, int limit) {
    return engine.users(afterId, limit);
  }

  public long count() {
    return engine.countUsers();
  }

  /** Sets a new password and ends every session of the user. */
  public void setPassword(String id, String password) {
    require(id);
    engine.setPasswordHash(id, Passwords.hash(password));
    sessions.endAll(id);
  }

  /** Deletes the user, ends their sessions and tells the other features. */
  public void delete(String id) {
    require(id);
    sessions.endAll(id);
    engine.deleteUser(id);
    deleted.fire(new UserDeleted(id));
  }
}
