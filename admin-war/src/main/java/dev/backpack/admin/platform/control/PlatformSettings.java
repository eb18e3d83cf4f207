package dev.backpack.admin.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Settings the owner changes at run time (table {@code settings}): whether developers may sign up. */
@ApplicationScoped
public class PlatformSettings {

  static final String REGISTRATION_OPEN = "registration_open";

  @Inject Database database;

  public boolean registrationOpen() {
    return Boolean.parseBoolean(get(REGISTRATION_OPEN, "true"));
  }

  public void registrationOpen(boolean open) {
    put(REGISTRATION_OPEN, Boolean.toString(open));
  }

  private String get(String key, String fallback) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("select value from settings where key = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : fallback;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void put(String key, String value) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value")) {
      s.setString(1, key);
      s.setString(2, value);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
