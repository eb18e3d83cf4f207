package dev.backpack.deployment;

import java.util.Map;
import java.util.Objects;

/**
 * The MongoDB store of an earlier release a backpack imports its data from at its next start
 * (core-war's {@code backpack.import.mongodb.*}): written into the settings file of a backpack on
 * the {@code postgres} engine only while the launcher serves that store ({@code DATA/mongo/} of an
 * earlier release); a start without it writes settings without these keys. core-war imports once
 * (it records the import in the backpack's schema), so writing them again is harmless.
 *
 * @param uri the store's connection string
 * @param database the backpack's database in it ({@link BackpackName#database()})
 */
public record LegacyImportSettings(String uri, String database) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if one is blank
   */
  public LegacyImportSettings {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("the URI of the MongoDB store to import is required");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("the database to import is required");
    }
  }

  /**
   * The database the previous release kept the backpack in ({@code bp_<name>}) on {@code uri}.
   *
   * @param uri the store's connection string
   * @param name the backpack
   * @return the settings
   */
  public static LegacyImportSettings of(String uri, BackpackName name) {
    return new LegacyImportSettings(uri, Objects.requireNonNull(name, "name").database());
  }

  /**
   * Adds {@code backpack.import.mongodb.uri} and {@code backpack.import.mongodb.database}.
   *
   * @param settings a backpack's settings ({@link AppDirectory#settings})
   */
  public void putInto(Map<String, String> settings) {
    settings.put("backpack.import.mongodb.uri", uri);
    settings.put("backpack.import.mongodb.database", database);
  }

  /** Without the connection string, which may hold a password. */
  @Override
  public String toString() {
    return "LegacyImportSettings[database=" + database + "]";
  }
}
