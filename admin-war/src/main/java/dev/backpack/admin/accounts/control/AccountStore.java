package dev.backpack.admin.accounts.control;

import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.accounts.entity.Role;
import dev.backpack.admin.platform.control.Database;
import dev.backpack.admin.problems.entity.ProblemException;
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

/** Accounts in PostgreSQL (table {@code accounts}). */
@ApplicationScoped
public class AccountStore {

  /** An account with its stored hash, for sign-in only. */
  record Credentials(Account account, String passwordHash) {}

  static final String UNIQUE_VIOLATION = "23505";

  @Inject Database database;

  /**
   * Inserts an account: the platform owner when there is none yet, else a developer. Two first
   * sign-ups racing: the partial unique index {@code accounts_one_owner} lets one be owner; the
   * other is retried as a developer.
   *
   * @throws ProblemException 409 when the email is taken
   */
  public Account insert(String email, String passwordHash) {
    try (Connection c = database.connection()) {
      Role role = hasOwner(c) ? Role.DEVELOPER : Role.OWNER;
      try {
        return insert(c, email, passwordHash, role);
      } catch (SQLException e) {
        if (role == Role.OWNER && UNIQUE_VIOLATION.equals(e.getSQLState()) && "accounts_one_owner".equals(constraint(e))) {
          return insert(c, email, passwordHash, Role.DEVELOPER);
        }
        throw e;
      }
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw ProblemException.conflict("An account with this email exists; sign in instead.");
      }
      throw new IllegalStateException(e);
    }
  }

  private Account insert(Connection c, String email, String passwordHash, Role role) throws SQLException {
    Account account = new Account(UUID.randomUUID(), email, role, Instant.now());
    try (PreparedStatement s = c.prepareStatement("insert into accounts (id, email, password_hash, role, created_at) values (?, ?, ?, ?, ?)")) {
      s.setObject(1, account.id());
      s.setString(2, email);
      s.setString(3, passwordHash);
      s.setString(4, role.value());
      s.setTimestamp(5, Timestamp.from(account.createdAt()));
      s.executeUpdate();
    }
    return account;
  }

  /** Whether the platform has its owner (the first account). */
  public boolean hasOwner() {
    try (Connection c = database.connection()) {
      return hasOwner(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean hasOwner(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select exists (select 1 from accounts where role = 'owner')");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getBoolean(1);
    }
  }

  Optional<Credentials> credentials(String email) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("select id, email, role, created_at, password_hash from accounts where email = ?")) {
      s.setString(1, email);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Credentials(account(r), r.getString("password_hash"))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The account with this id, if any. */
  public Optional<Account> find(UUID id) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("select id, email, role, created_at from accounts where id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(account(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every account, oldest first. */
  public List<Account> all() {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("select id, email, role, created_at from accounts order by created_at, email");
        ResultSet r = s.executeQuery()) {
      List<Account> accounts = new ArrayList<>();
      while (r.next()) {
        accounts.add(account(r));
      }
      return accounts;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Account account(ResultSet r) throws SQLException {
    return new Account(r.getObject("id", UUID.class), r.getString("email"), Role.of(r.getString("role")), r.getTimestamp("created_at").toInstant());
  }

  private static String constraint(SQLException e) {
    if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
      return p.getServerErrorMessage().getConstraint();
    }
    return null;
  }
}
