package dev.backpack.core.auth.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.backpack.core.auth.entity.User;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The backpack's users in its reserved {@code users} collection; the email is unique through a
 * unique index, so two racing registrations of one email end with one user.
 */
@ApplicationScoped
public class UserStore {

  /** Fired after a user is deleted, so other features can remove what the user owned. */
  public record UserDeleted(String userId) {}

  static final String USERS = "users";

  @Inject MongoDatabase database;
  @Inject Sessions sessions;
  @Inject Event<UserDeleted> deleted;

  private volatile boolean indexed;

  MongoCollection<Document> users() {
    MongoCollection<Document> users = database.getCollection(USERS);
    if (!indexed) {
      users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
      indexed = true;
    }
    return users;
  }

  public User register(String email, String password) {
    Document doc =
        new Document("_id", new ObjectId().toHexString())
            .append("email", email)
            .append("password", Passwords.hash(password))
            .append("createdAt", new Date());
    try {
      users().insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw ProblemException.conflict("An account with this email exists; sign in instead.");
      }
      throw e;
    }
    return User.fromDocument(doc);
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
    return Optional.ofNullable(users().find(Filters.eq("_id", id)).first()).map(User::fromDocument);
  }

  public User require(String id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("There is no user " + id + "."));
  }

  public Optional<User> findByEmail(String email) {
    return Optional.ofNullable(users().find(Filters.eq("email", email)).first())
        .map(User::fromDocument);
  }

  /** A page of users, oldest first, after the given id. */
  public List<User> list(String afterId, int limit) {
    List<User> page = new ArrayList<>();
    users()
        .find(afterId == null ? new Document() : Filters.gt("_id", afterId))
        .sort(new Document("_id", 1))
        .limit(limit)
        .forEach(d -> page.add(User.fromDocument(d)));
    return page;
  }

  public long count() {
    return users().countDocuments();
  }

  /** Sets a new password and ends every session of the user. */
  public void setPassword(String id, String password) {
    require(id);
    users().updateOne(Filters.eq("_id", id), Updates.set("password", Passwords.hash(password)));
    sessions.endAll(id);
  }

  /** Deletes the user, ends their sessions and tells the other features. */
  public void delete(String id) {
    require(id);
    sessions.endAll(id);
    users().deleteOne(Filters.eq("_id", id));
    deleted.fire(new UserDeleted(id));
  }
}
