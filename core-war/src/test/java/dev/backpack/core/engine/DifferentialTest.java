package dev.backpack.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.backpack.core.engine.postgres.PgQuery;
import dev.backpack.core.engine.postgres.Sql;
import dev.backpack.core.json.control.JsonBodies;
import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.records.control.RecordFilter;
import dev.backpack.core.records.control.RecordMatcher;
import dev.backpack.core.records.control.Sorting;
import dev.backpack.core.records.entity.StoredRecord;
import dev.backpack.embedded.EmbeddedMongo;
import dev.backpack.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture, three evaluators that must agree: a real PostgreSQL (zonky's binaries, the schema
 * of the Flyway migrations, {@link PgQuery}), the MongoDB wire server of the tests queried as
 * RecordStore queries MongoDB ({@code find(where).sort(sorting.toDocument())}, pages with {@link
 * Sorting#after(List)}), and {@link RecordMatcher} ordered by {@link Sorting#comparator()}.
 *
 * <p>The wire server ({@code EmbeddedMongo}, mongo-java-server) is only the test double of the
 * MongoDB engine; real MongoDB is the production target. Where it deviates from MongoDB's
 * documented behaviour (see {@link #MONGO_STAND_IN_DEVIATES}), the mongo column is left out for
 * that case; the product is not bent to the stand-in.
 */
class DifferentialTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Connection pg;
  static EmbeddedMongo mongo;
  static MongoClient client;
  static MongoCollection<Document> records;
  static final Map<String, Document> STORED = new LinkedHashMap<>();

  /** Client data; ids r00, r01, ... in this order. */
  static final String[] DATA = {
    "{n: 1, s: 'apple', b: true, tags: ['x', 'y'], o: {k: 1, m: 'a'}}",
    "{n: 2.5, s: 'Banana', b: false, tags: ['y'], o: {k: 2}}",
    "{n: {$numberLong: '3'}, s: 'cherry', tags: [], arr: [{k: 1}, {k: 5}]}",
    "{n: '3', s: null, arr: [{k: 2}, {j: 1}]}",
    "{}",
    "{n: null, tags: ['x', null], nested: {deep: {v: 10}}}",
    "{n: -7, s: '\u00e4pfel', tags: [1, '1', 2.0], arr: [1, 2]}",
    "{n: {$numberLong: '9007199254740993'}, s: 'Apple pie\\nline2', o: {m: 'a', k: 1}}",
    "{n: 1.0, b: 'true', tags: [['x', 'y']], list: [[1, 2], [3]]}",
    "{matrix: [[1, 2], [3, 4]], arr: [{k: [1, 2]}, {k: 3}], s: 'b'}",
    "{n: 0, s: '', tags: [{t: 'x'}, {t: 'z'}], o: {k: null}}",
    "{n: {$numberLong: '9007199254740992'}, s: '\ud835\udcb3 astral', e: {}, ea: []}",
    "{n: 9007199254740992.0, s: 'e\u0301t\u00e9', o: {k: 'x'}, b: 0}",
    "{n: true, s: '\uffff', o: {}, e: [], ea: [[]], deep: {a: [{b: [{c: 1}, {c: 'x'}]}]}}",
    "{n: {x: 1}, s: 'line1\\r\\nline2\\r', b: true, deep: {a: {b: {c: 2}}}}",
    "{n: 1e300, s: 'ABC abc', b: false, '0': 'zero', arr: {'0': 'o', k: 7}}",
    "{n: -0.5, s: 'Stra\u00dfe', tags: 'x', o: {k: 1.5}}",
    "{n: '', s: '\u212a', b: null, tags: ['\u00c4', 'ab\\nc']}",
  };

  /** Filters: every operator, with arrays, missing fields, null, mixed types; some are 400s. */
  static Stream<String> filters() {
    return Stream.of(
        "{}",
        "{'n': 1}",
        "{'n': 3}",
        "{'n': '3'}",
        "{'n': {'$eq': 2.5}}",
        "{'n': null}",
        "{'s': 'apple'}",
        "{'s': ''}",
        "{'b': true}",
        "{'b': 0}",
        "{'n': 9007199254740993}",
        "{'n': 9007199254740992}",
        "{'n': 9007199254740992.0}",
        "{'n': 1e300}",
        "{'n': -0.5}",
        "{'s': '\ud835\udcb3 astral'}",
        "{'s': '\u00e9t\u00e9'}",
        "{'s': 'e\u0301t\u00e9'}",
        "{'tags': 'x'}",
        "{'tags': 1}",
        "{'tags': '1'}",
        "{'tags': 2}",
        "{'tags': ['x', 'y']}",
        "{'tags': ['y', 'x']}",
        "{'tags': []}",
        "{'tags': null}",
        "{'e': {}}",
        "{'e': []}",
        "{'ea': []}",
        "{'matrix': [1, 2]}",
        "{'list': [3]}",
        "{'tags.t': 'x'}",
        "{'o': {'k': 2}}",
        "{'o': {'k': null}}",
        "{'o': {}}",
        "{'o.k': 1}",
        "{'o.k': null}",
        "{'o.k': 1.5}",
        "{'arr.k': 1}",
        "{'arr.k': 2}",
        "{'arr.k': 7}",
        "{'arr.k': [1, 2]}",
        "{'arr.k': null}",
        "{'arr.0.k': 1}",
        "{'arr.0': 'o'}",
        "{'arr.1': 2}",
        "{'tags.0': 'x'}",
        "{'matrix.0': [1, 2]}",
        "{'matrix.1.0': 3}",
        "{'nested.deep.v': 10}",
        "{'nested.deep': {'v': 10}}",
        "{'nested.missing.v': null}",
        "{'deep.a.b.c': 1}",
        "{'deep.a.b.c': 'x'}",
        "{'deep.a.b.c': 2}",
        "{'deep.a.b.c': {'$gt': 0}}",
        "{'0': 'zero'}",
        "{'s': {'$ne': 'apple'}}",
        "{'s': {'$ne': null}}",
        "{'tags': {'$ne': 'x'}}",
        "{'tags': {'$ne': null}}",
        "{'arr.k': {'$ne': 1}}",
        "{'o.k': {'$ne': 1}}",
        "{'n': {'$gt': 1}}",
        "{'n': {'$gte': 1}}",
        "{'n': {'$lt': 3}}",
        "{'n': {'$lte': 3}}",
        "{'n': {'$lte': '3'}}",
        "{'n': {'$gt': '2'}}",
        "{'n': {'$gt': 9007199254740992}}",
        "{'n': {'$gte': 9007199254740993}}",
        "{'n': {'$lt': 9007199254740993}}",
        "{'n': {'$gt': 0, '$lt': 3}}",
        "{'n': {'$gte': -7.5}}",
        "{'n': {'$gt': false}}",
        "{'s': {'$gt': 'b'}}",
        "{'s': {'$lt': 'b'}}",
        "{'s': {'$gte': 'apple'}}",
        "{'s': {'$lte': ''}}",
        "{'s': {'$gt': '\u00e4'}}",
        "{'s': {'$gt': '\uffff'}}",
        "{'s': {'$gte': 'e'}}",
        "{'b': {'$gt': false}}",
        "{'b': {'$lt': true}}",
        "{'b': {'$gte': 'true'}}",
        "{'tags': {'$gt': 'x'}}",
        "{'tags': {'$gte': 2}}",
        "{'arr.k': {'$gte': 2}}",
        "{'arr.k': {'$lt': 2}}",
        "{'n': {'$in': [1, '3', null]}}",
        "{'n': {'$in': []}}",
        "{'n': {'$nin': [1, 2.5]}}",
        "{'n': {'$nin': [null]}}",
        "{'tags': {'$in': ['y', 1]}}",
        "{'tags': {'$nin': ['x']}}",
        "{'tags': {'$in': [['x', 'y']]}}",
        "{'arr.k': {'$in': [5, 3]}}",
        "{'arr.k': {'$nin': [1, 2]}}",
        "{'s': {'$in': ['\u212a', 'apple', '']}}",
        "{'n': {'$exists': true}}",
        "{'n': {'$exists': false}}",
        "{'s': {'$exists': true}}",
        "{'arr.k': {'$exists': true}}",
        "{'arr.k': {'$exists': false}}",
        "{'arr.j': {'$exists': true}}",
        "{'tags.0': {'$exists': true}}",
        "{'o.k': {'$exists': true}}",
        "{'e': {'$exists': true}}",
        "{'s': {'$regex': '^a'}}",
        "{'s': {'$regex': '^a', '$options': 'i'}}",
        "{'s': {'$regex': '^line2', '$options': 'm'}}",
        "{'s': {'$regex': 'line2$'}}",
        "{'s': {'$regex': 'line1$', '$options': 'm'}}",
        "{'s': {'$regex': 'line2$', '$options': 'm'}}",
        "{'s': {'$regex': '^$', '$options': 'm'}}",
        "{'s': {'$regex': 'pie.line2'}}",
        "{'s': {'$regex': 'pie.line2', '$options': 's'}}",
        "{'s': {'$regex': 'a p p', '$options': 'x'}}",
        "{'s': {'$regex': 'A # comment\\n p', '$options': 'ix'}}",
        "{'s': {'$regex': '\u00e4'}}",
        "{'s': {'$regex': '\u00c4', '$options': 'i'}}",
        "{'s': {'$regex': 'k', '$options': 'i'}}",
        "{'s': {'$regex': '[a-c]{2}', '$options': 'i'}}",
        "{'s': {'$regex': '[^a-z ]'}}",
        "{'s': {'$regex': '\\\\d|\\\\s'}}",
        "{'s': {'$regex': '^\\\\w+$'}}",
        "{'s': {'$regex': '^\\\\W'}}",
        "{'s': {'$regex': '^.$'}}",
        "{'s': {'$regex': '^(?:ap|ch)[a-z]*?e'}}",
        "{'s': {'$regex': '\\\\.|\\\\$|\\\\x41|\\\\u00e4'}}",
        "{'s': {'$regex': '(a|)b'}}",
        "{'tags': {'$regex': 'x'}}",
        "{'tags': {'$regex': '^a', '$options': 'i'}}",
        "{'n': {'$regex': '3'}}",
        "{'id': {'$regex': '1$'}}",
        "{'owner': {'$regex': '^u[2]'}}",
        "{'n': {'$not': {'$gt': 1}}}",
        "{'n': {'$not': {'$gt': 1, '$lt': 5}}}",
        "{'s': {'$not': {'$regex': '^a'}}}",
        "{'tags': {'$not': {'$in': ['x']}}}",
        "{'n': {'$not': {'$eq': null}}}",
        "{'$and': [{'n': {'$gt': 0}}, {'n': {'$lt': 3}}]}",
        "{'$or': [{'s': 'apple'}, {'b': false}]}",
        "{'$or': [{'arr.k': 5}, {'tags': []}]}",
        "{'$not': {'n': 1}}",
        "{'$not': {'$or': [{'n': 1}, {'s': {'$exists': false}}]}}",
        "{'$and': [{'$or': [{'n': 1}, {'n': 2.5}]}, {'$not': {'b': false}}]}",
        "{'id': 'r03'}",
        "{'id': {'$in': ['r01', 'r02', 'nope']}}",
        "{'id': {'$gt': 'r09'}}",
        "{'id': 3}",
        "{'owner': 'u1'}",
        "{'owner': null}",
        "{'owner': {'$ne': 'u1'}}",
        "{'owner': {'$in': [null, 'u2']}}",
        "{'owner': {'$nin': [null, 'u2']}}",
        "{'owner': {'$gt': 'u1'}}",
        "{'owner': {'$exists': false}}",
        "{'createdAt': {'$gte': '2026-01-05T00:00:00Z'}}",
        "{'createdAt': '2026-01-03T00:00:00Z'}",
        "{'createdAt': {'$in': ['2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']}}",
        "{'updatedAt': {'$lt': '2026-02-04T00:00:00Z'}, 'owner': 'u2'}",
        // refused with a 400 everywhere: jsonb keeps no field order, so no object equality of
        // several fields; regular expressions outside the portable subset
        "{'o': {'k': 1, 'm': 'a'}}",
        "{'tags': {'$in': [{'a': 1, 'b': 2}]}}",
        "{'x': [{'a': {'b': 1, 'c': 2}}]}",
        "{'s': {'$regex': '(?=a)'}}",
        "{'s': {'$regex': '\\\\bapple'}}",
        "{'s': {'$regex': '(?i)apple'}}",
        "{'s': {'$regex': 'a++'}}",
        "{'s': {'$regex': '\\\\p{L}'}}",
        "{'s': {'$regex': '[a-z&&[^b]]'}}",
        "{'s': {'$regex': 'a{300}'}}",
        "{'s': {'$regex': 'stra\u00dfe', '$options': 'i'}}",
        "{'s': {'$type_is_not_here': 1}}");
  }

  /** The filters above that every engine refuses with the same 400. */
  static final Set<String> REFUSED =
      Set.of(
          "{'id': 3}",
          "{'o': {'k': 1, 'm': 'a'}}",
          "{'tags': {'$in': [{'a': 1, 'b': 2}]}}",
          "{'x': [{'a': {'b': 1, 'c': 2}}]}",
          "{'s': {'$regex': '(?=a)'}}",
          "{'s': {'$regex': '\\\\bapple'}}",
          "{'s': {'$regex': '(?i)apple'}}",
          "{'s': {'$regex': 'a++'}}",
          "{'s': {'$regex': '\\\\p{L}'}}",
          "{'s': {'$regex': '[a-z&&[^b]]'}}",
          "{'s': {'$regex': 'a{300}'}}",
          "{'s': {'$regex': 'stra\u00dfe', '$options': 'i'}}",
          "{'s': {'$type_is_not_here': 1}}");

  /** Sorts with one type per field, mixed types, nulls and missing values (no arrays). */
  static Stream<String> sorts() {
    return Stream.of(
        "-createdAt", "createdAt", "id", "-id", "n", "-n", "s", "-s", "b,-n", "-b,s", "owner,-s",
        "-owner,n", "o.k", "-o.k", "nested.deep.v,-updatedAt", "0,s");
  }

  /**
   * Cases where the wire server deviates from MongoDB (see RecordMatcherTest for each): the mongo
   * column is left out; PostgreSQL and RecordMatcher still must agree.
   */
  static final Set<String> MONGO_STAND_IN_DEVIATES =
      Set.of(
          // a numeric segment landing on an array: MongoDB also looks into that array
          "{'tags.0': 'x'}",
          // $in/$nin looking two levels deep into arrays
          "{'tags': {'$in': ['y', 1]}}",
          "{'tags': {'$nin': ['x']}}",
          "{'tags': {'$not': {'$in': ['x']}}}",
          // $exists:false is the negation of $exists:true
          "{'arr.k': {'$exists': false}}",
          // $regex matches strings only; the stand-in matches the text of numbers and arrays
          "{'tags': {'$regex': 'x'}}",
          "{'tags': {'$regex': '^a', '$options': 'i'}}",
          "{'n': {'$regex': '3'}}",
          // strings compare by UTF-16 code unit in the stand-in, by code point (UTF-8 bytes) in
          // MongoDB: '\uffff' sorts before an astral character in MongoDB, after it here
          "{'s': {'$gt': '\uffff'}}");

  /**
   * The same UTF-16 deviation in sorts: with both r11 (astral) and r13 ('\uffff') in the result
   * and a sort by {@code s}, the stand-in orders them the other way.
   */
  private static boolean standInSortsUtf16(Sorting sorting, List<String> expected) {
    return sorting.paths().contains("data.s") && expected.contains("r11") && expected.contains("r13");
  }

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"), 0);
    Flyway.configure()
        .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
        .schemas("bp_diff")
        .locations("classpath:db/backpack")
        .load()
        .migrate();
    pg = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    try (Statement st = pg.createStatement()) {
      st.execute("SET search_path TO bp_diff");
      st.execute(
          "INSERT INTO collections (name, name_key, rules, created_at)"
              + " VALUES ('things', 'things', '{}', now())");
    }
    mongo = EmbeddedMongo.inMemory(0).start();
    client = MongoClients.create(mongo.connectionString());
    records = client.getDatabase("diff").getCollection("r_things");
    try (PreparedStatement insert =
        pg.prepareStatement(
            "INSERT INTO records (collection, id, owner, created_at, updated_at, version, data)"
                + " VALUES ('things', ?, ?, ?, ?, 1, ?::jsonb)")) {
      for (int i = 0; i < DATA.length; i++) {
        // createdAt not in id order (and two equal) so that the tie-break matters
        Date created =
            Date.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * ((i * 7) % 11)));
        Date updated = Date.from(created.toInstant().plusSeconds(86_400L * 31));
        String owner = i % 4 == 3 ? null : i % 3 == 0 ? "u1" : "u2";
        String id = String.format("r%02d", i);
        StoredRecord record =
            new StoredRecord(id, owner, created, updated, 1, Document.parse(DATA[i]));
        STORED.put(id, record.toDocument());
        insert.setString(1, id);
        insert.setString(2, owner);
        insert.setTimestamp(3, new Timestamp(created.getTime()));
        insert.setTimestamp(4, new Timestamp(updated.getTime()));
        insert.setString(5, PgQuery.json(record.data()));
        insert.executeUpdate();
      }
    }
    records.insertMany(STORED.values().stream().map(Document::new).toList());
  }

  @AfterAll
  static void stop() throws SQLException {
    if (client != null) {
      client.close();
    }
    if (mongo != null) {
      mongo.close();
    }
    if (pg != null) {
      pg.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static Stream<Arguments> filterCases() {
    return filters().flatMap(f -> Stream.of(Arguments.of(f, "-createdAt"), Arguments.of(f, "s")));
  }

  @ParameterizedTest(name = "{0} sort={1}")
  @MethodSource("filterCases")
  void everyFilterAgrees(String filter, String sort) throws SQLException {
    check(filter, sort, new int[] {0, 4});
  }

  static Stream<Arguments> sortCases() {
    List<String> fs =
        List.of("{}", "{'n': {'$exists': true}}", "{'$or': [{'s': {'$gte': 'a'}}, {'n': null}]}");
    return sorts().flatMap(s -> fs.stream().map(f -> Arguments.of(s, f)));
  }

  @ParameterizedTest(name = "sort={0} {1}")
  @MethodSource("sortCases")
  void everySortPagesAlike(String sort, String filter) throws SQLException {
    check(filter, sort, new int[] {0, 1, 2, 3, 5});
  }

  /** The plans use the indexes where they are meant to (seq scans off: the table is tiny). */
  @org.junit.jupiter.api.Test
  void plansUseTheIndexes() throws SQLException {
    assertPlanUses("{\"n\": 1}", "-createdAt", "records_data");
    assertPlanUses("{\"nested.deep.v\": {\"$in\": [10, \"x\"]}}", "-createdAt", "records_data");
    assertPlanUses("{}", "-createdAt", "records_created");
    assertPlanUses("{\"owner\": \"u1\"}", "-createdAt", "records_owner");
  }

  private static void assertPlanUses(String filter, String sort, String index) throws SQLException {
    Document where = RecordFilter.parse(filter);
    Sorting sorting = Sorting.parse(sort);
    Sql condition = PgQuery.where(where);
    Sql order = PgQuery.orderBy(sorting);
    // the data conditions are checked without the collection: the GIN index covers data only, and
    // on 18 rows the planner prefers a btree on collection; this shows the condition is indexable
    String text =
        "EXPLAIN SELECT id FROM records WHERE "
            + (index.equals("records_data") ? "" : "collection = 'things' AND ")
            + condition.text()
            + " ORDER BY "
            + order.text()
            + " LIMIT 20";
    StringBuilder plan = new StringBuilder();
    try (Statement off = pg.createStatement()) {
      off.execute("SET enable_seqscan = off");
      if (!index.equals("records_data")) {
        // tiny table: a bitmap scan and a sort would win; show that the index serves the order
        off.execute("SET enable_bitmapscan = off");
        off.execute("SET enable_sort = off");
      }
      try (PreparedStatement st = pg.prepareStatement(text)) {
        order.bind(st, condition.bind(st, 1));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      } finally {
        off.execute("RESET enable_seqscan");
        off.execute("RESET enable_bitmapscan");
        off.execute("RESET enable_sort");
      }
    }
    assertEquals(true, plan.toString().contains(index), () -> filter + " " + sort + ":\n" + plan);
  }

  /** limit 0: everything in one query; otherwise pages of that size through the cursor. */
  private void check(String filter, String sort, int[] limits) throws SQLException {
    String json = filter.replace('\'', '"');
    ProblemException refused = null;
    Document translated = null;
    try {
      translated = RecordFilter.parse(json);
    } catch (ProblemException e) {
      refused = e;
    }
    if (refused != null) {
      // the same validation for every engine and for subscriptions (which parse the filter with
      // JsonBodies too; Document.parse would read {$regex, $options} as a BSON regex literal)
      ProblemException matcher =
          assertThrows(
              ProblemException.class,
              () -> RecordMatcher.of(JsonBodies.parseQueryObject(json)));
      assertEquals(400, refused.status());
      assertEquals(refused.status(), matcher.status());
      assertEquals(refused.errors(), matcher.errors());
      assertEquals(true, REFUSED.contains(filter), () -> "refused: " + matcher.errors());
      return;
    }
    assertEquals(false, REFUSED.contains(filter), "should have been refused: " + filter);
    Sorting sorting = Sorting.parse(sort);
    RecordMatcher matcher = RecordMatcher.compile(translated);
    List<String> expected =
        STORED.values().stream()
            .filter(matcher::matches)
            .sorted(sorting.comparator())
            .map(d -> d.getString("_id"))
            .toList();
    boolean withMongo =
        !MONGO_STAND_IN_DEVIATES.contains(filter) && !standInSortsUtf16(sorting, expected);
    if (limits.length > 1 && limits[1] == 4) {
      // with a rule scope, as RecordStore combines them: {"$and": [{"owner": userId}, filter]}
      Document scoped =
          new Document("$and", List.of(new Document("owner", "u1"), translated));
      List<String> expectedScoped =
          expected.stream().filter(id -> "u1".equals(STORED.get(id).getString("owner"))).toList();
      assertEquals(expectedScoped, postgres(scoped, sorting, null, 0), "PostgreSQL, scoped");
      if (withMongo) {
        assertEquals(expectedScoped, mongo(scoped, sorting, null, 0), "MongoDB stand-in, scoped");
      }
    }
    for (int limit : limits) {
      final Document where = translated;
      List<String> postgresIds = page(limit, sorting, key -> postgres(where, sorting, key, limit));
      assertEquals(expected, postgresIds, () -> "PostgreSQL, limit " + limit + ": " + sql(where));
      if (withMongo) {
        List<String> mongoIds = page(limit, sorting, key -> mongo(where, sorting, key, limit));
        assertEquals(expected, mongoIds, () -> "MongoDB stand-in, limit " + limit);
      }
    }
  }

  private interface Fetch {
    List<String> after(List<Object> key) throws SQLException;
  }

  private static List<String> page(int limit, Sorting sorting, Fetch fetch) throws SQLException {
    List<String> all = new ArrayList<>();
    List<Object> key = null;
    for (int round = 0; round < 100; round++) {
      List<String> page = fetch.after(key);
      all.addAll(page);
      if (limit == 0 || page.size() < limit) {
        return all;
      }
      key = sorting.keyOf(STORED.get(page.get(page.size() - 1)));
    }
    throw new AssertionError("paging does not end: " + all);
  }

  private static List<String> postgres(
      Document where, Sorting sorting, List<Object> key, int limit) throws SQLException {
    Sql condition = PgQuery.where(where);
    Sql after = key == null ? new Sql("TRUE", List.of()) : PgQuery.after(sorting, key);
    Sql order = PgQuery.orderBy(sorting);
    String text =
        "SELECT id FROM records WHERE collection = 'things' AND "
            + condition.text()
            + " AND "
            + after.text()
            + " ORDER BY "
            + order.text()
            + (limit > 0 ? " LIMIT " + limit : "");
    List<String> ids = new ArrayList<>();
    try (PreparedStatement st = pg.prepareStatement(text)) {
      int next = condition.bind(st, 1);
      next = after.bind(st, next);
      order.bind(st, next);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + "\n" + text, e);
    }
    return ids;
  }

  private static List<String> mongo(Document where, Sorting sorting, List<Object> key, int limit) {
    List<Bson> conditions = new ArrayList<>();
    if (!where.isEmpty()) {
      conditions.add(where);
    }
    if (key != null) {
      conditions.add(sorting.after(key));
    }
    Bson query = conditions.isEmpty() ? new Document() : Filters.and(conditions);
    List<String> ids = new ArrayList<>();
    var found = records.find(query).sort(sorting.toDocument());
    if (limit > 0) {
      found = found.limit(limit);
    }
    found.forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  private static String sql(Document where) {
    Sql s = PgQuery.where(where);
    return s.text() + " " + s.params();
  }
}
