package dev.backpack.core.engine.postgres;

import dev.backpack.core.records.control.PortableRegex;
import dev.backpack.core.records.control.Sorting;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Compiles a translated filter ({@link dev.backpack.core.records.control.RecordFilter#translate})
 * and a {@link Sorting} to SQL over the {@code records} table (V1) with the helpers of V2, with the
 * meaning {@link dev.backpack.core.records.control.RecordMatcher} defines. Values and field paths
 * are always bound parameters; the text depends only on the shape of the query (operators, the
 * kind of a value: null, number, string, boolean, date, list, object; number of branches).
 *
 * <p>A condition on a client path looks at {@code bp_candidates(data, path)}: the values
 * MongoDB's array expansion finds (SQL NULL where the field is missing) and the elements of those
 * that are arrays. Every fragment is TRUE or FALSE, never NULL, so {@code NOT} is exact.
 *
 * <ul>
 *   <li>{@code $eq v}: some candidate equals v as jsonb ({@code COALESCE(x, 'null')}: a missing
 *       field equals null); jsonb equality is MongoDB's (numbers by value, arrays element by
 *       element; objects of one field only: RecordFilter refuses objects of several fields, whose
 *       field order jsonb does not keep). {@code $ne} is its negation.
 *   <li>{@code $in}: the same with {@code = ANY(?::text[]::jsonb[])}; {@code $nin} its negation.
 *   <li>{@code $gt $gte $lt $lte}: some candidate of the argument's type class compares: numbers
 *       as numeric (exact for 64-bit integers), strings as text {@code COLLATE "C"} (code point
 *       order), booleans as boolean.
 *   <li>{@code $exists}: some value of {@code bp_values} is not missing.
 *   <li>{@code $regex}: some string candidate matches the {@link PortableRegex} translation.
 *   <li>{@code $not}: the negation of its operators; a top-level {@code $nor}: of its branches.
 * </ul>
 *
 * <p>Index use: an {@code $eq}/{@code $in} with numbers, strings or booleans on a client path adds
 * a GIN-indexable (jsonb_path_ops) necessary condition, {@code data @> c1 OR data @> c2 ...}, one
 * containment per shape the path can have on the way (object or array of objects at each step; an
 * indexed array at a numeric step; the value itself or an array holding it at the end); the exact
 * condition still decides. {@code _id}, {@code owner} and the dates are plain column conditions
 * (btree indexes of V1/V2); the default sort and its cursor follow {@code records_created}.
 *
 * <p>Known limits: doubles are stored and bound as {@link Double#toString} (the shortest decimal
 * that reads back as the same double); RecordMatcher compares a double's exact binary value. The
 * two differ only when a double of more than 17 significant digits' worth of magnitude (beyond
 * 2^53, not an integer in its shortest form) is compared with a 64-bit integer next to it. A
 * string holding NUL cannot be bound as jsonb (PostgreSQL text has no NUL).
 */
public final class PgQuery {

  /** Above this many containments the GIN pre-condition is left out. */
  private static final int MAX_CONTAINMENTS = 16;

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  private PgQuery() {}

  public static Sql where(Document translated) {
    PgQuery q = new PgQuery();
    q.query(translated);
    return q.done();
  }

  public static Sql orderBy(Sorting sorting) {
    PgQuery q = new PgQuery();
    for (int i = 0; i < sorting.paths().size(); i++) {
      String path = sorting.paths().get(i);
      String dir = sorting.directions().get(i) < 0 ? " DESC" : " ASC";
      if (i > 0) {
        q.sql.append(", ");
      }
      switch (path) {
        case "_id" -> q.sql.append("id COLLATE \"C\"").append(dir);
        case "owner" ->
            q.sql.append("owner COLLATE \"C\"").append(dir).append(dir.equals(" ASC") ? " NULLS FIRST" : " NULLS LAST");
        case "createdAt" -> q.sql.append("created_at").append(dir);
        case "updatedAt" -> q.sql.append("updated_at").append(dir);
        default -> {
          String[] fns = {"bp_rank", "bp_number", "bp_string", "bp_boolean", "bp_structure"};
          for (int f = 0; f < fns.length; f++) {
            if (f > 0) {
              q.sql.append(", ");
            }
            q.sql.append(fns[f]).append("(data #> ?::text[])");
            q.params.add(jsonPath(path));
            if (fns[f].equals("bp_string")) {
              q.sql.append(" COLLATE \"C\"");
            }
            // within one type class only one of the expressions is not NULL
            q.sql.append(dir).append(" NULLS LAST");
          }
        }
      }
    }
    return q.done();
  }

  /** "Strictly after this key" in the order of {@link #orderBy(Sorting)} (keyset pagination). */
  public static Sql after(Sorting sorting, List<Object> key) {
    PgQuery q = new PgQuery();
    List<String> branches = new ArrayList<>();
    q.sql.append('(');
    boolean any = false;
    for (int i = 0; i < sorting.paths().size(); i++) {
      int direction = sorting.directions().get(i);
      Object value = key.get(i);
      if (direction < 0 && Sorting.rank(value) == 0) {
        continue; // nothing sorts before missing/null
      }
      if (any) {
        q.sql.append(" OR ");
      }
      any = true;
      q.sql.append('(');
      for (int j = 0; j < i; j++) {
        q.sortEquals(sorting.paths().get(j), key.get(j));
        q.sql.append(" AND ");
      }
      q.sortBeyond(sorting.paths().get(i), direction, value);
      q.sql.append(')');
    }
    if (!any) {
      q.sql.append("FALSE");
    }
    q.sql.append(')');
    return q.done();
  }

  private Sql done() {
    return new Sql(sql.toString(), params);
  }

  // --- sort keys ---------------------------------------------------------------------------

  private void sortEquals(String path, Object value) {
    switch (path) {
      case "_id", "owner", "createdAt", "updatedAt" -> {
        String column = column(path);
        if (value == null) {
          sql.append(column).append(" IS NULL");
        } else {
          sql.append(column).append(path.equals("owner") ? " COLLATE \"C\"" : "").append(" = ?");
          params.add(param(value));
        }
      }
      default -> {
        int rank = Sorting.rank(value);
        if (rank == 0) {
          sql.append("bp_rank(data #> ?::text[]) = 0");
          params.add(jsonPath(path));
        } else if (rank == 3 || rank == 4) {
          sql.append("(data #> ?::text[]) = ?::jsonb");
          params.add(jsonPath(path));
          params.add(new Sql.Jsonb(json(value)));
        } else {
          sql.append(typed(rank)).append("(data #> ?::text[])").append(collate(rank)).append(" = ?");
          params.add(jsonPath(path));
          params.add(param(value));
        }
      }
    }
  }

  private void sortBeyond(String path, int direction, Object value) {
    String op = direction > 0 ? " > ?" : " < ?";
    int rank = Sorting.rank(value);
    switch (path) {
      case "_id", "createdAt", "updatedAt" -> {
        sql.append(column(path)).append(path.equals("_id") ? " COLLATE \"C\"" : "").append(op);
        params.add(param(value));
      }
      case "owner" -> {
        if (value == null) {
          sql.append("owner IS NOT NULL"); // ascending: every owner comes after none
        } else if (direction > 0) {
          sql.append("owner COLLATE \"C\" > ?");
          params.add(value);
        } else {
          sql.append("(owner COLLATE \"C\" < ? OR owner IS NULL)");
          params.add(value);
        }
      }
      default -> {
        // another type class on the right side, or the same class and a greater/smaller value
        sql.append("(bp_rank(data #> ?::text[])").append(direction > 0 ? " > ?" : " < ?");
        params.add(jsonPath(path));
        params.add(rank);
        if (rank == 3 || rank == 4) {
          sql.append(" OR (bp_rank(data #> ?::text[]) = ? AND bp_structure(data #> ?::text[])")
              .append(op.replace("?", "?::jsonb"))
              .append(')');
          params.add(jsonPath(path));
          params.add(rank);
          params.add(jsonPath(path));
          params.add(new Sql.Jsonb(json(value)));
        } else if (rank > 0) {
          sql.append(" OR ").append(typed(rank)).append("(data #> ?::text[])").append(collate(rank)).append(op);
          params.add(jsonPath(path));
          params.add(param(value));
        }
        sql.append(')');
      }
    }
  }

  private static String typed(int rank) {
    return switch (rank) {
      case 1 -> "bp_number";
      case 2 -> "bp_string";
      case 5 -> "bp_boolean";
      default -> throw new IllegalArgumentException("no sort value of rank " + rank);
    };
  }

  private static String collate(int rank) {
    return rank == 2 ? " COLLATE \"C\"" : "";
  }

  // --- filters -------------------------------------------------------------------------------

  private void query(Document query) {
    if (query.isEmpty()) {
      sql.append("TRUE");
      return;
    }
    sql.append('(');
    boolean first = true;
    for (Map.Entry<String, Object> entry : query.entrySet()) {
      if (!first) {
        sql.append(" AND ");
      }
      first = false;
      String key = entry.getKey();
      switch (key) {
        case "$and" -> branches((List<?>) entry.getValue(), " AND ", false);
        case "$or" -> branches((List<?>) entry.getValue(), " OR ", false);
        case "$nor" -> branches((List<?>) entry.getValue(), " OR ", true);
        default -> {
          if (key.startsWith("$")) {
            throw new IllegalArgumentException("not a translated filter: " + key);
          }
          Object condition = entry.getValue();
          Document ops =
              condition instanceof Document d
                      && !d.isEmpty()
                      && d.keySet().stream().allMatch(k -> k.startsWith("$"))
                  ? d
                  : new Document("$eq", condition); // a rule scope such as {"owner": userId}
          operators(key, ops);
        }
      }
    }
    sql.append(')');
  }

  private void branches(List<?> branches, String joiner, boolean negate) {
    sql.append(negate ? "NOT (" : "(");
    for (int i = 0; i < branches.size(); i++) {
      if (i > 0) {
        sql.append(joiner);
      }
      query((Document) branches.get(i));
    }
    sql.append(')');
  }

  private void operators(String path, Document ops) {
    sql.append('(');
    boolean first = true;
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      if (op.getKey().equals("$options")) {
        continue;
      }
      if (!first) {
        sql.append(" AND ");
      }
      first = false;
      if (path.startsWith("data.")) {
        dataOperator(path, op.getKey(), op.getValue(), ops);
      } else {
        columnOperator(path, op.getKey(), op.getValue(), ops);
      }
    }
    if (first) {
      sql.append("TRUE");
    }
    sql.append(')');
  }

  private void dataOperator(String path, String op, Object arg, Document ops) {
    switch (op) {
      case "$eq" -> equalsAny(path, java.util.Collections.singletonList(arg));
      case "$ne" -> {
        sql.append("NOT ");
        equalsAny(path, java.util.Collections.singletonList(arg));
      }
      case "$in" -> equalsAny(path, (List<?>) arg);
      case "$nin" -> {
        sql.append("NOT ");
        equalsAny(path, (List<?>) arg);
      }
      case "$gt", "$gte", "$lt", "$lte" -> {
        String cmp = comparison(op);
        String typed;
        if (isNumber(arg)) {
          typed = "bp_number(x)";
        } else if (arg instanceof String) {
          typed = "bp_string(x) COLLATE \"C\"";
        } else if (arg instanceof Boolean) {
          typed = "bp_boolean(x)";
        } else {
          sql.append("FALSE"); // no candidate of that type class in JSON data
          return;
        }
        sql.append("EXISTS (SELECT 1 FROM bp_candidates(data, ?::text[]) x WHERE COALESCE(")
            .append(typed)
            .append(cmp)
            .append("?, FALSE))");
        params.add(jsonPath(path));
        params.add(param(arg));
      }
      case "$exists" -> {
        if (!(Boolean) arg) {
          sql.append("NOT ");
        }
        sql.append("EXISTS (SELECT 1 FROM bp_values(data, ?::text[]) x WHERE x IS NOT NULL)");
        params.add(jsonPath(path));
      }
      case "$regex" -> {
        sql.append(
            "EXISTS (SELECT 1 FROM bp_candidates(data, ?::text[]) x WHERE COALESCE(bp_string(x) ~ ?,"
                + " FALSE))");
        params.add(jsonPath(path));
        params.add(PortableRegex.toPostgres(path, (String) arg, ops.getString("$options")));
      }
      case "$not" -> {
        sql.append("NOT ");
        operators(path, (Document) arg);
      }
      default -> throw new IllegalArgumentException("not a translated operator: " + op);
    }
  }

  /** Some candidate equals one of the values (a missing field equals null). */
  private void equalsAny(String path, List<?> values) {
    if (values.isEmpty()) {
      sql.append("FALSE");
      return;
    }
    sql.append('(');
    List<String> containments = containments(path, values);
    if (containments != null) {
      sql.append('(');
      for (int i = 0; i < containments.size(); i++) {
        sql.append(i > 0 ? " OR " : "").append("data @> ?::jsonb");
        params.add(new Sql.Jsonb(containments.get(i)));
      }
      sql.append(") AND ");
    }
    sql.append(
        "EXISTS (SELECT 1 FROM bp_candidates(data, ?::text[]) x"
            + " WHERE COALESCE(x, 'null'::jsonb) = ANY (?::text[]::jsonb[])))");
    params.add(jsonPath(path));
    String[] jsons = new String[values.size()];
    for (int i = 0; i < jsons.length; i++) {
      jsons[i] = json(values.get(i));
    }
    params.add(jsons);
  }

  /**
   * Containments of which one holds whenever some candidate equals one of the scalar values: the
   * GIN index (jsonb_path_ops) answers them. {@code null} when a value is not a number, string or
   * boolean, or when there would be too many.
   */
  private static List<String> containments(String path, List<?> values) {
    for (Object value : values) {
      if (!(isNumber(value) || value instanceof String || value instanceof Boolean)) {
        return null;
      }
    }
    String[] segments = jsonPath(path);
    List<String> out = new ArrayList<>();
    for (Object value : values) {
      String scalar = json(value);
      List<String> shapes = List.of(scalar, "[" + scalar + "]");
      for (int i = segments.length - 1; i >= 0; i--) {
        String name = json(segments[i]);
        boolean numeric = segments[i].matches("[0-9]{1,9}");
        List<String> outer = new ArrayList<>();
        for (String inner : shapes) {
          outer.add("{" + name + ":" + inner + "}");
          if (i > 0) { // data itself is an object
            outer.add("[{" + name + ":" + inner + "}]");
            if (numeric) {
              outer.add("[" + inner + "]");
            }
          }
        }
        shapes = outer;
        if (shapes.size() * values.size() > MAX_CONTAINMENTS) {
          return null;
        }
      }
      out.addAll(shapes);
    }
    return out.size() > MAX_CONTAINMENTS ? null : out;
  }

  /** A server field: one scalar value per record (owner may be null), always present. */
  private void columnOperator(String path, String op, Object arg, Document ops) {
    String column = column(path);
    boolean date = path.equals("createdAt") || path.equals("updatedAt");
    switch (op) {
      case "$eq" -> columnEquals(column, date, java.util.Collections.singletonList(arg));
      case "$ne" -> {
        sql.append("NOT ");
        columnEquals(column, date, java.util.Collections.singletonList(arg));
      }
      case "$in" -> columnEquals(column, date, (List<?>) arg);
      case "$nin" -> {
        sql.append("NOT ");
        columnEquals(column, date, (List<?>) arg);
      }
      case "$gt", "$gte", "$lt", "$lte" -> {
        if (date ? arg instanceof Date : arg instanceof String) {
          // never NULL (owner may be): "IS NOT NULL AND" rather than COALESCE keeps it indexable
          sql.append('(').append(column).append(" IS NOT NULL AND ").append(column)
              .append(date ? "" : " COLLATE \"C\"").append(comparison(op)).append("?)");
          params.add(param(arg));
        } else {
          sql.append("FALSE");
        }
      }
      case "$exists" -> sql.append((Boolean) arg ? "TRUE" : "FALSE");
      case "$regex" -> {
        if (date) {
          sql.append("FALSE");
        } else {
          sql.append("COALESCE(").append(column).append(" ~ ?, FALSE)");
          params.add(PortableRegex.toPostgres(path, (String) arg, ops.getString("$options")));
        }
      }
      case "$not" -> {
        sql.append("NOT ");
        operators(path, (Document) arg);
      }
      default -> throw new IllegalArgumentException("not a translated operator: " + op);
    }
  }

  private void columnEquals(String column, boolean date, List<?> values) {
    List<String> alternatives = new ArrayList<>();
    List<Object> alternativeParams = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    for (Object value : values) {
      if (value == null) {
        alternatives.add(column + " IS NULL");
      } else if (date && value instanceof Date d) {
        alternatives.add(column + " = ?");
        alternativeParams.add(param(d));
      } else if (!date && value instanceof String s) {
        strings.add(s);
      }
    }
    sql.append('(');
    if (!strings.isEmpty()) {
      // ids: the primary key (database collation); owners: records_owner (COLLATE "C"); equality
      // is the same under every deterministic collation
      sql.append('(').append(column).append(" IS NOT NULL AND ").append(column)
          .append(column.equals("owner") ? " COLLATE \"C\"" : "")
          .append(strings.size() == 1 ? " = ?)" : " = ANY (?::text[]))");
      // one value: a plain = lets the btree also deliver the order (the rule scope, id lookups)
      params.add(strings.size() == 1 ? strings.get(0) : strings.toArray(String[]::new));
      if (!alternatives.isEmpty()) {
        sql.append(" OR ");
      }
    }
    sql.append(String.join(" OR ", alternatives));
    params.addAll(alternativeParams);
    if (strings.isEmpty() && alternatives.isEmpty()) {
      sql.append("FALSE");
    }
    sql.append(')');
  }

  // --- values --------------------------------------------------------------------------------

  private static String column(String path) {
    return switch (path) {
      case "_id" -> "id";
      case "owner" -> "owner";
      case "createdAt" -> "created_at";
      case "updatedAt" -> "updated_at";
      default -> throw new IllegalArgumentException("not a server field: " + path);
    };
  }

  private static String comparison(String op) {
    return switch (op) {
      case "$gt" -> " > ";
      case "$gte" -> " >= ";
      case "$lt" -> " < ";
      default -> " <= ";
    };
  }

  /** The jsonb path of a stored client path {@code data.a.b}: {a, b}. */
  private static String[] jsonPath(String stored) {
    if (!stored.startsWith("data.")) {
      throw new IllegalArgumentException("not a client path: " + stored);
    }
    return stored.substring("data.".length()).split("\\.", -1);
  }

  private static boolean isNumber(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Decimal128;
  }

  /** A scalar as a parameter: numbers exactly as stored (see {@link #json(Object)}). */
  private static Object param(Object value) {
    if (value instanceof Integer i) {
      return BigDecimal.valueOf(i);
    }
    if (value instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (value instanceof Double d) {
      return new BigDecimal(Double.toString(d));
    }
    if (value instanceof Decimal128 d) {
      return d.bigDecimalValue();
    }
    if (value instanceof Date d) {
      return new Timestamp(d.getTime());
    }
    return value;
  }

  /**
   * JSON as the records are stored: integers as integers, doubles as {@link Double#toString}
   * (always with a fraction or an exponent), so jsonb compares both sides as the same numeric.
   */
  public static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      StringBuilder b = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          default -> {
            if (c < 0x20) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof Double d) {
      return Double.toString(d);
    }
    if (value instanceof Decimal128 d) {
      return d.bigDecimalValue().toString();
    }
    if (value instanceof Document doc) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<String, Object> e : doc.entrySet()) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(json(e.getKey())).append(':').append(json(e.getValue()));
      }
      return b.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (Object element : list) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(json(element));
      }
      return b.append(']').toString();
    }
    if (value instanceof Date d) {
      return json(d.toInstant().toString()); // never equal to a JSON value in data
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }
}
