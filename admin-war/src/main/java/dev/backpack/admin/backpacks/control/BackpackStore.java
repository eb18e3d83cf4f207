package dev.backpack.admin.backpacks.control;

import dev.backpack.admin.backpacks.entity.Registration;
import dev.backpack.admin.backpacks.entity.Registration.State;
import dev.backpack.admin.drivers.entity.Deployment;
import dev.backpack.admin.platform.control.Database;
import dev.backpack.admin.problems.entity.ProblemException;
import dev.backpack.deployment.BackpackName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/** The registry of backpacks in PostgreSQL (table {@code backpacks}). */
@ApplicationScoped
public class BackpackStore {

  static final String SELECT =
      "select b.name, b.owner_id, a.email, b.admin_key, b.state, b.created_at, b.deployment from backpacks b left join accounts a on a.id = b.owner_id";

  private static final Logger LOG = Logger.getLogger(BackpackStore.class.getName());

  @Inject Database database;

  /**
   * Reserves a name: inserts the row in state {@code creating}. The primary key decides between
   * two creates of one name, in this platform or another sharing the database.
   *
   * @throws ProblemException 409 when the name is taken
   */
  public Registration reserve(BackpackName name, UUID ownerId, String ownerEmail, String adminKey) {
    Registration registration = new Registration(name, ownerId, ownerEmail, adminKey, State.CREATING, Instant.now());
    insert(registration, "A backpack named '" + name + "' exists already; choose another name.");
    return registration;
  }

  /** Inserts an existing backpack as active (the import of the launcher's file registry); false if the name is taken. */
  public boolean importActive(BackpackName name, String adminKey, Instant createdAt) {
    try {
      insert(new Registration(name, null, null, adminKey, State.ACTIVE, createdAt), "");
      return true;
    } catch (ProblemException conflict) {
      return false;
    }
  }

  private void insert(Registration r, String conflict) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("insert into backpacks (name, owner_id, admin_key, state, created_at) values (?, ?, ?, ?, ?)")) {
      s.setString(1, r.name().value());
      s.setObject(2, r.ownerId());
      s.setString(3, r.adminKey());
      s.setString(4, r.state().value());
      s.setTimestamp(5, Timestamp.from(r.createdAt()));
      s.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw ProblemException.conflict(conflict);
      }
      throw new IllegalStateException("backpacks: " + e.getMessage(), e);
    }
  }

  public Optional<Registration> find(BackpackName name) {
    List<Registration> found = query(SELECT + " where b.name = ?", name.value());
    return found.stream().findFirst();
  }

  /** Every backpack (owner null) or one account's, by name. */
  public List<Registration> list(UUID ownerId) {
    return ownerId == null ? query(SELECT + " order by b.name") : query(SELECT + " where b.owner_id = ? order by b.name", ownerId);
  }

  /** Every backpack in a state, by name. */
  public List<Registration> inState(State state) {
    return query(SELECT + " where b.state = ? order by b.name", state.value());
  }

  /**
   * Moves a backpack from one state to another.
   *
   * @return false when it was not in state {@code from} (another operation won)
   */
  public boolean transition(BackpackName name, State from, State to) {
    return update("update backpacks set state = ? where name = ? and state = ?", to.value(), name.value(), from.value()) == 1;
  }

  /** Records how a backpack runs now (after its driver applied it). */
  public void deployment(BackpackName name, Deployment deployment) {
    update("update backpacks set deployment = ? where name = ?", deployment.toJson().toString(), name.value());
  }

  private static Deployment deployment(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json == null ? "{}" : json))) {
      return Deployment.fromJson(reader.readObject());
    } catch (RuntimeException e) {
      // a row written by a newer platform, or edited by hand: run it as the default, and say so
      LOG.warning("backpacks: unreadable deployment " + json + " (" + e.getMessage() + "); using one instance without limits");
      return Deployment.DEFAULT;
    }
  }

  /**
   * The password of the backpack's own PostgreSQL role: a secret like its admin key, for the
   * driver only (never part of a {@link Registration}, so no view or log shows it).
   *
   * @return empty when none was made yet (a backpack of an earlier release) or it is not registered
   */
  public Optional<String> postgresPassword(BackpackName name) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("select postgres_password from backpacks where name = ?")) {
      s.setString(1, name.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(r.getString(1)).filter(p -> !p.isEmpty()) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("backpacks: " + e.getMessage(), e);
    }
  }

  /**
   * Keeps the password of the backpack's own PostgreSQL role.
   *
   * @return false when the backpack is not registered
   */
  public boolean postgresPassword(BackpackName name, String password) {
    return update("update backpacks set postgres_password = ? where name = ?", password, name.value()) == 1;
  }

  public boolean delete(BackpackName name) {
    return update("delete from backpacks where name = ?", name.value()) == 1;
  }

  private int update(String sql, Object... values) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("backpacks: " + e.getMessage(), e);
    }
  }

  private List<Registration> query(String sql, Object... values) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      List<Registration> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(
              new Registration(
                  new BackpackName(r.getString(1)),
                  r.getObject(2, UUID.class),
                  r.getString(3),
                  r.getString(4),
                  State.of(r.getString(5)),
                  r.getTimestamp(6).toInstant(),
                  deployment(r.getString(7))));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("backpacks: " + e.getMessage(), e);
    }
  }
}
