package dev.backpack.admin.operations.control;

import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Operation.Kind;
import dev.backpack.admin.operations.entity.Operation.State;
import dev.backpack.admin.operations.entity.Step;
import dev.backpack.admin.platform.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/** Operations and their steps in PostgreSQL (tables {@code operations}, {@code operation_steps}). */
@ApplicationScoped
public class OperationStore {

  static final String COLUMNS = "id, kind, backpack, owner_id, started_by, state, error, created_at, finished_at";

  @Inject Database database;

  void insert(Operation operation) {
    sql(
        c -> {
          try (PreparedStatement s = c.prepareStatement("insert into operations (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, operation.id());
            s.setString(2, operation.kind().value());
            s.setString(3, operation.backpack());
            s.setObject(4, operation.ownerId());
            s.setObject(5, operation.startedBy());
            s.setString(6, operation.state().value());
            s.setString(7, operation.error());
            s.setTimestamp(8, Timestamp.from(operation.createdAt()));
            s.setTimestamp(9, null);
            s.executeUpdate();
          }
          return null;
        });
  }

  void addStep(UUID operation, Step step) {
    sql(
        c -> {
          try (PreparedStatement s = c.prepareStatement("insert into operation_steps (operation_id, seq, at, message) values (?, ?, ?, ?)")) {
            s.setObject(1, operation);
            s.setInt(2, step.seq());
            s.setTimestamp(3, Timestamp.from(step.at()));
            s.setString(4, step.message());
            s.executeUpdate();
          }
          return null;
        });
  }

  void finish(UUID operation, State state, String error, Instant at) {
    sql(
        c -> {
          try (PreparedStatement s = c.prepareStatement("update operations set state = ?, error = ?, finished_at = ? where id = ?")) {
            s.setString(1, state.value());
            s.setString(2, error);
            s.setTimestamp(3, Timestamp.from(at));
            s.setObject(4, operation);
            s.executeUpdate();
          }
          return null;
        });
  }

  /** Marks operations left running by a stopped platform as failed; returns how many. */
  public int failInterrupted(String reason) {
    return sql(
        c -> {
          try (PreparedStatement s = c.prepareStatement("update operations set state = 'failed', error = ?, finished_at = now() where state = 'running'")) {
            s.setString(1, reason);
            return s.executeUpdate();
          }
        });
  }

  /** One operation with its steps. */
  public Optional<Operation> find(UUID id) {
    return sql(
        c -> {
          Operation found;
          try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from operations where id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              found = operation(r);
            }
          }
          List<Step> steps = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement("select seq, at, message from operation_steps where operation_id = ? order by seq")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                steps.add(new Step(r.getInt(1), r.getTimestamp(2).toInstant(), r.getString(3)));
              }
            }
          }
          return Optional.of(found.withSteps(steps));
        });
  }

  /**
   * The newest operations (without steps), of one owner's backpacks or of all, optionally of one
   * backpack.
   *
   * @param ownerId only operations on this account's backpacks; null for all
   * @param backpack only this backpack's; null for all
   * @param limit at most this many
   */
  public List<Operation> list(UUID ownerId, String backpack, int limit) {
    return sql(
        c -> {
          StringBuilder query = new StringBuilder("select " + COLUMNS + " from operations where true");
          if (ownerId != null) {
            query.append(" and owner_id = ?");
          }
          if (backpack != null) {
            query.append(" and backpack = ?");
          }
          query.append(" order by created_at desc, id limit ?");
          try (PreparedStatement s = c.prepareStatement(query.toString())) {
            int i = 1;
            if (ownerId != null) {
              s.setObject(i++, ownerId);
            }
            if (backpack != null) {
              s.setString(i++, backpack);
            }
            s.setInt(i, limit);
            List<Operation> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                found.add(operation(r));
              }
            }
            return found;
          }
        });
  }

  private static Operation operation(ResultSet r) throws SQLException {
    Timestamp finished = r.getTimestamp("finished_at");
    return new Operation(
        r.getObject("id", UUID.class),
        Kind.of(r.getString("kind")),
        r.getString("backpack"),
        r.getObject("owner_id", UUID.class),
        r.getObject("started_by", UUID.class),
        State.of(r.getString("state")),
        r.getString("error"),
        r.getTimestamp("created_at").toInstant(),
        finished == null ? null : finished.toInstant(),
        List.of());
  }

  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T sql(Sql<T> work) {
    try (Connection c = database.connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("operations: " + e.getMessage(), e);
    }
  }
}
