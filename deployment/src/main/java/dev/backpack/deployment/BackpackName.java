package dev.backpack.deployment;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A backpack's name: its context root, its PostgreSQL role and schema (or MongoDB database) and its
 * Redis prefix are derived from it, so it is checked once, here. The rule keeps the derived SQL
 * identifiers plain ({@code bp_} + lower-case letters, digits, {@code _}; at most 34 characters,
 * below PostgreSQL's 63): they are still quoted wherever they go into SQL text.
 *
 * @param value the name, {@code ^[a-z][a-z0-9-]{1,30}$} and not reserved
 */
public record BackpackName(String value) implements Comparable<BackpackName> {

  /** The shape of a name. */
  public static final Pattern RULE = Pattern.compile("^[a-z][a-z0-9-]{1,30}$");

  /** Names taken by the platform itself (paths of the admin app, docs, assets ...). */
  public static final Set<String> RESERVED =
      Set.of(
          "admin", "api", "health", "metrics", "openapi", "sdk", "static", "assets", "docs",
          "system", "payara", "www");

  /**
   * Checks the name.
   *
   * @throws IllegalArgumentException with a message fit for a user when the name breaks a rule
   */
  public BackpackName {
    if (value == null || !RULE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid backpack name '"
              + value
              + "': use 2 to 31 characters, lower-case letters, digits and '-', starting with a letter");
    }
    if (RESERVED.contains(value)) {
      throw new IllegalArgumentException(
          "invalid backpack name '" + value + "': it is reserved (" + String.join(", ", RESERVED.stream().sorted().toList()) + ")");
    }
  }

  /**
   * The backpack's MongoDB database: {@code bp_} + the name with {@code -} replaced by {@code _}.
   *
   * @return the database name
   */
  public String database() {
    return "bp_" + value.replace('-', '_');
  }

  /**
   * The backpack's PostgreSQL schema: the same value as {@link #database()}.
   *
   * @return {@code bp_} + the name with {@code -} replaced by {@code _}
   */
  public String schema() {
    return database();
  }

  /**
   * The backpack's own PostgreSQL role, which owns {@link #schema()}: the same value.
   *
   * @return {@code bp_} + the name with {@code -} replaced by {@code _}
   */
  public String role() {
    return database();
  }

  /**
   * The backpack's Redis key and channel prefix.
   *
   * @return {@code bp:<name>:}
   */
  public String redisPrefix() {
    return "bp:" + value + ":";
  }

  /**
   * The context root the backpack is deployed at.
   *
   * @return {@code /<name>}
   */
  public String contextRoot() {
    return "/" + value;
  }

  @Override
  public int compareTo(BackpackName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
