package dev.backpack.core.engine.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backpack.core.auth.entity.User;
import dev.backpack.core.collections.entity.CollectionInfo;
import dev.backpack.core.collections.entity.Rules;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.bson.Document;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@code postgres} engine: one backpack's data in its own schema of a PostgreSQL database,
 * reached as its own role (see {@code db/backpack/V*.sql} for the tables). Every statement runs in
 * autocommit, so an answered write is committed (with the server's {@code synchronous_commit} on,
 * durable); every statement runs under {@code statement_timeout}.
 *
 * <p>The pool keeps no connection while the backpack is idle (minimum idle 0, idle ones closed
 * after {@value #IDLE_MILLIS} ms), so a platform of many quiet backpacks holds few connections.
 */
public final class PostgresEngine implements Engine {

  /** Settings of the engine, as the backpack's configuration gives them. */
  public record Settings(
      String url, String user, String password, String schema, int maxConnections, long queryMillis, String applicationName) {}

  static final long IDLE_MILLIS = 10_000;
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  private static final Logger LOG = Logger.getLogger(PostgresEngine.class.getName());
  private static final String RECORD_COLUMNS = "id, owner, created_at, updated_at, version, data";
  private static final String INSERT_RECORD =
      "INSERT INTO records (collection, " + RECORD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";
  private static final String FILE_COLUMNS = "id, name, size, content_type, sha256, owner, public, created_at";

  private final Settings settings;
  private final HikariDataSource pool;
  private volatile boolean migrated;

  public PostgresEngine(Settings settings) {
    this.settings = settings;
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(settings.url());
    postgres.setUser(settings.user());
    postgres.setPassword(settings.password());
    postgres.setCurrentSchema(settings.schema());
    postgres.setConnectTimeout(CONNECT_TIMEOUT_MILLIS / 1000);
    // a server that vanished mid-query must not hold a request thread for long
    postgres.setSocketTimeout(60);
    postgres.setApplicationName(settings.applicationName());
    postgres.setOptions("-c statement_timeout=" + settings.queryMillis());
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(postgres);
    hikari.setPoolName(settings.applicationName());
    hikari.setMaximumPoolSize(settings.maxConnections());
    hikari.setMinimumIdle(0);
    hikari.setIdleTimeout(IDLE_MILLIS);
    hikari.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    // start even when PostgreSQL is down: requests answer 503 until it is back
    hikari.setInitializationFailTimeout(-1);
    pool = new HikariDataSource(hikari);
  }

  @Override
  public String id() {
    return "postgres";
  }

  /** Brings the backpack's schema to the latest version; done once, retried while it fails. */
  public void migrate() {
    if (migrated) {
      return;
    }
    synchronized (this) {
      if (migrated) {
        return;
      }
      try {
        var result =
            Flyway.configure(PostgresEngine.class.getClassLoader())
                .dataSource(pool)
                .schemas(settings.schema())
                .defaultSchema(settings.schema())
                // a standalone core-war given a role that may create it; the platform makes it beforehand
                .createSchemas(true)
                .locations("classpath:db/backpack")
                .table("backpack_schema_history")
                .load()
                .migrate();
        LOG.info(
            "backpack schema "
                + settings.schema()
                + " at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations run)");
        migrated = true;
      } catch (RuntimeException e) {
        throw new Unavailable("The database schema could not be prepared: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public void ping() {
    query(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT 1");
          ResultSet rs = st.executeQuery()) {
        rs.next();
      }
      return null;
    }, false);
  }

  @Override
  public Long databaseBytes() {
    return query(c -> {
      try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')");
          ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    });
  }

  // collections

  @Override
  public List<CollectionInfo> collections() {
    return query(c -> {
      try (PreparedStatement st =
              c.prepareStatement("SELECT name, rules, created_at FROM collections ORDER BY name COLLATE \"C\"");
          ResultSet rs = st.executeQuery()) {
        return rows(rs, PostgresEngine::collection);
      }
    });
  }

  @Override
  public Optional<CollectionInfo> collection(String name) {
    return query(c -> {
      try (PreparedStatement st =
          c.prepareStatement("SELECT name, rules, created_at FROM collections WHERE name = ?")) {
        st.setString(1, name);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(collection(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void insertCollection(CollectionInfo info) {
    update(c -> {
      try (PreparedStatement st =
          c.prepareStatement(
              "INSERT INTO collections (name, name_key, rules, created_at) VALUES (?, ?, ?::jsonb, ?)")) {
        st.setString(1, info.name());
        st.setString(2, info.name().toLowerCase(Locale.ROOT));
        st.setString(3, JsonbCodec.write(new LinkedHashMap<>(info.rules().asMap())));
        st.setTimestamp(4, timestamp(info.createdAt()));
        return st.executeUpdate();
      }
    });
  }

  @Override
  public Optional<CollectionInfo> updateRules(String name, Rules rules) {
    return query(c -> {
      try (PreparedStatement st =
          c.prepareStatement(
              "UPDATE collections SET rules = ?::jsonb WHERE name = ? RETURNING name, rules, created_at")) {
        st.setString(1, JsonbCodec.write(new LinkedHashMap<>(rules.asMap())));
        st.setString(2, name);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(collection(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void dropCollection(String name) {
    update(c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM collections WHERE name = ?")) {
        st.setString(1, name);
        return st.executeUpdate();
      }
    });
  }

  private static CollectionInfo collection(ResultSet rs) throws SQLException {
    return new CollectionInfo(
        rs.getString(1), Rules.fromDocument(JsonbCodec.read(rs.getString(2))), date(rs.getTimestamp(3)));
  }

  // records

  @Override
  public List<StoredRecord> records(
      String collection, Document where, Sorting sorting, List<Object> after, int limit, long timeoutMillis) {
    Sql condition = PgQuery.where(where);
    Sql beyond = after == null ? null : PgQuery.after(sorting, after);
    Sql order = PgQuery.orderBy(sorting);
    String text =
        "SELECT " + RECORD_COLUMNS + " FROM records WHERE collection = ? AND ("
            + condition.text()
            + ")"
            + (beyond == null ? "" : " AND (" + beyond.text() + ")")
            + " ORDER BY "
            + order.text()
            + " LIMIT ?";
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(text)) {
        st.setString(1, collection);
        int next = condition.bind(st, 2);
        if (beyond != null) {
          next = beyond.bind(st, next);
        }
        next = order.bind(st, next);
        st.setInt(next, limit);
        try (ResultSet rs = st.executeQuery()) {
          return rows(rs, PostgresEngine::record);
        }
      }
    });
  }

  @Override
  public long countRecords(String collection, Document where, long timeoutMillis) {
    Sql condition = PgQuery.where(where);
    return query(c -> {
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT count(*) FROM records WHERE collection = ? AND (" + condition.text() + ")")) {
        st.setString(1, collection);
        condition.bind(st, 2);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public Optional<StoredRecord> record(String collection, String id) {
    return query(c -> {
      try (PreparedStatement st =
          c.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM records WHERE collection = ? AND id = ?")) {
        st.setString(1, collection);
        st.setString(2, id);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(record(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void insertRecord(String collection, StoredRecord record) {
    try {
      update(c -> {
        try (PreparedStatement st = c.prepareStatement(INSERT_RECORD)) {
          bindRecord(st, collection, record);
          return st.executeUpdate();
        }
      });
    } catch (Gone e) {
      throw ProblemException.notFound("There is no collection '" + collection + "' (it was just deleted).");
    }
  }

  @Override
  public boolean replaceRecord(String collection, StoredRecord next, int expectedVersion) {
    return update(c -> {
      try (PreparedStatement st =
          c.prepareStatement(
              "UPDATE records SET owner = ?, updated_at = ?, version = ?, data = ?::jsonb"
                  + " WHERE collection = ? AND id = ? AND version = ?")) {
        st.setString(1, next.owner());
        st.setTimestamp(2, timestamp(next.updatedAt()));
        st.setInt(3, next.version());
        st.setString(4, JsonbCodec.write(next.data()));
        st.setString(5, collection);
        st.setString(6, next.id());
        st.setInt(7, expectedVersion);
        return st.executeUpdate();
      }
    }) == 1;
  }

  @Override
  public boolean deleteRecord(String collection, String id, int expectedVersion) {
    return update(c -> {
      String text = "DELETE FROM records WHERE collection = ? AND id = ?" + (expectedVersion < 0 ? "" : " AND version = ?");
      try (PreparedStatement st = c.prepareStatement(text)) {
        st.setString(1, collection);
        st.setString(2, id);
        if (expectedVersion >= 0) {
          st.setInt(3, expectedVersion);
        }
        return st.executeUpdate();
      }
    }) == 1;
  }

  private static void bindRecord(PreparedStatement st, String collection, StoredRecord record) throws SQLException {
    st.setString(1, collection);
    st.setString(2, record.id());
    st.setString(3, record.owner());
    st.setTimestamp(4, timestamp(record.createdAt()));
    st.setTimestamp(5, timestamp(record.updatedAt()));
    st.setInt(6, record.version());
    st.setString(7, JsonbCodec.write(record.data()));
  }

  private static StoredRecord record(ResultSet rs) throws SQLException {
    return new StoredRecord(
        rs.getString(1),
        rs.getString(2),
        date(rs.getTimestamp(3)),
        date(rs.getTimestamp(4)),
        rs.getInt(5),
        JsonbCodec.read(rs.getString(6)));
  }

  // users

  @Override
  public void insertUser(User user) {
    update(c -> {
      try (PreparedStatement st =
          c.prepareStatement("INSERT INTO users (id, email, password, created_at) VALUES (?, ?, ?, ?)")) {
        st.setString(1, user.id());
        st.setString(2, user.email());
        st.setString(3, user.passwordHash());
        st.setTimestamp(4, timestamp(user.createdAt()));
        return st.executeUpdate();
      }
    });
  }

  @Override
  public Optional<User> user(String id) {
    return oneUser("SELECT id, email, created_at, password FROM users WHERE id = ?", id);
  }

  @Override
  public Optional<User> userByEmail(String email) {
    return oneUser("SELECT id, email, created_at, password FROM users WHERE lower(email) = lower(?)", email);
  }

  private Optional<User> oneUser(String text, String value) {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(text)) {
        st.setString(1, value);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(user(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<User> users(String afterId, int limit) {
    return query(c -> {
      String text =
          "SELECT id, email, created_at, password FROM users"
              + (afterId == null ? "" : " WHERE id > ?")
              + " ORDER BY id LIMIT ?";
      try (PreparedStatement st = c.prepareStatement(text)) {
        int i = 1;
        if (afterId != null) {
          st.setString(i++, afterId);
        }
        st.setInt(i, limit);
        try (ResultSet rs = st.executeQuery()) {
          return rows(rs, PostgresEngine::user);
        }
      }
    });
  }

  @Override
  public long countUsers() {
    return count("SELECT count(*) FROM users");
  }

  @Override
  public boolean setPasswordHash(String id, String hash) {
    return update(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE users SET password = ? WHERE id = ?")) {
        st.setString(1, hash);
        st.setString(2, id);
        return st.executeUpdate();
      }
    }) == 1;
  }

  @Override
  public boolean deleteUser(String id) {
    return deleteById("DELETE FROM users WHERE id = ?", id);
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getString(1), rs.getString(2), date(rs.getTimestamp(3)), rs.getString(4));
  }

  // files

  @Override
  public void insertFile(StoredFile file) {
    update(c -> {
      try (PreparedStatement st =
          c.prepareStatement("INSERT INTO files (" + FILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        st.setString(1, file.id());
        st.setString(2, file.name());
        st.setLong(3, file.size());
        st.setString(4, file.contentType());
        st.setString(5, file.sha256());
        st.setString(6, file.owner());
        st.setBoolean(7, file.isPublic());
        st.setTimestamp(8, timestamp(file.createdAt()));
        return st.executeUpdate();
      }
    });
  }

  @Override
  public Optional<StoredFile> file(String id) {
    List<StoredFile> found = fileList("SELECT " + FILE_COLUMNS + " FROM files WHERE id = ?", List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<StoredFile> files(String owner, String beforeId, int limit) {
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (owner != null) {
      where.add("owner = ?");
      params.add(owner);
    }
    if (beforeId != null) {
      where.add("id < ?");
      params.add(beforeId);
    }
    params.add(limit);
    return fileList(
        "SELECT " + FILE_COLUMNS + " FROM files"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY id DESC LIMIT ?",
        params);
  }

  @Override
  public List<StoredFile> filesOf(String owner) {
    return fileList("SELECT " + FILE_COLUMNS + " FROM files WHERE owner = ?", List.of(owner));
  }

  private List<StoredFile> fileList(String text, List<Object> params) {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(text)) {
        for (int i = 0; i < params.size(); i++) {
          st.setObject(i + 1, params.get(i));
        }
        try (ResultSet rs = st.executeQuery()) {
          return rows(rs, PostgresEngine::file);
        }
      }
    });
  }

  private static StoredFile file(ResultSet rs) throws SQLException {
    return new StoredFile(
        rs.getString(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getBoolean(7),
        date(rs.getTimestamp(8)));
  }

  @Override
  public FileUsage fileUsage() {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT count(*), coalesce(sum(size), 0) FROM files");
          ResultSet rs = st.executeQuery()) {
        rs.next();
        return new FileUsage(rs.getLong(1), rs.getLong(2));
      }
    });
  }

  @Override
  public Map<String, String> fileNames() {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT id, name FROM files");
          ResultSet rs = st.executeQuery()) {
        Map<String, String> names = new LinkedHashMap<>();
        while (rs.next()) {
          names.put(rs.getString(1), rs.getString(2));
        }
        return names;
      }
    });
  }

  @Override
  public boolean deleteFile(String id) {
    return deleteById("DELETE FROM files WHERE id = ?", id);
  }

  // import of an earlier store (LegacyImport)

  /** Whether the import of {@code source} finished before. */
  public boolean imported(String source) {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM imports WHERE source = ?")) {
        st.setString(1, source);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Empties every table of data (what a broken-off import left), in one transaction. */
  public void emptyForImport() {
    query(c -> {
      try (var st = c.createStatement()) {
        st.execute("TRUNCATE records, collections, users, files");
      }
      return null;
    });
  }

  /** Inserts a page of records as they are, in one transaction. */
  public void insertRecords(String collection, List<StoredRecord> records) {
    query(c -> {
      c.setAutoCommit(false);
      try (PreparedStatement st = c.prepareStatement(INSERT_RECORD)) {
        for (StoredRecord record : records) {
          bindRecord(st, collection, record);
          st.addBatch();
        }
        st.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  /** Records that the import of {@code source} is complete, with what it copied. */
  public void markImported(String source, Map<String, Long> counts) {
    update(c -> {
      try (PreparedStatement st =
          c.prepareStatement("INSERT INTO imports (source, finished_at, counts) VALUES (?, now(), ?::jsonb)")) {
        st.setString(1, source);
        st.setString(2, JsonbCodec.write(new LinkedHashMap<>(counts)));
        return st.executeUpdate();
      }
    });
  }

  // plumbing

  private long count(String text) {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(text);
          ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private boolean deleteById(String text, String id) {
    return update(c -> {
      try (PreparedStatement st = c.prepareStatement(text)) {
        st.setString(1, id);
        return st.executeUpdate();
      }
    }) == 1;
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Every row of {@code rs}, read by {@code row}. */
  private static <T> List<T> rows(ResultSet rs, Row<T> row) throws SQLException {
    List<T> all = new ArrayList<>();
    while (rs.next()) {
      all.add(row.read(rs));
    }
    return all;
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T query(Work<T> work) {
    return query(work, true);
  }

  private <T> T query(Work<T> work, boolean needsSchema) {
    if (needsSchema) {
      migrate();
    }
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw PgErrors.translate(e);
    }
  }

  private int update(Work<Integer> work) {
    return query(work);
  }

  private static Timestamp timestamp(Date date) {
    return new Timestamp(date.getTime());
  }

  private static Date date(Timestamp timestamp) {
    return timestamp == null ? null : new Date(timestamp.getTime());
  }

  /** A foreign key points nowhere: the collection of a record was deleted meanwhile. */
  static final class Gone extends RuntimeException {
    Gone(Throwable cause) {
      super(cause);
    }
  }
}
