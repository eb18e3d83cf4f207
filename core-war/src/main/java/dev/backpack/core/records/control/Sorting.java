package dev.backpack.core.records.control;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * A parsed {@code sort} parameter ({@code title,-createdAt}): stored paths with directions, always
 * ending with {@code _id} as the tie-break so that every record has one place in the order and
 * the cursor can resume exactly after it.
 *
 * <p>Values of different JSON types sort in one order on every engine, documented at {@link
 * #rank(Object)} and implemented by {@link #comparator()} (in memory), {@link #after(List)}
 * (MongoDB) and {@code PgQuery} (PostgreSQL).
 */
public record Sorting(List<String> paths, List<Integer> directions, String canonical) {

  public static final String DEFAULT = "-createdAt";
  static final int MAX_FIELDS = 8;

  public static Sorting parse(String sort) {
    String text = sort == null || sort.isBlank() ? DEFAULT : sort;
    if (text.length() > 1024) {
      throw ProblemException.invalid("sort", "is too long");
    }
    List<String> paths = new ArrayList<>();
    List<Integer> directions = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      String field = part.trim();
      int direction = 1;
      if (field.startsWith("-") || field.startsWith("+")) {
        direction = field.startsWith("-") ? -1 : 1;
        field = field.substring(1);
      }
      if (field.isEmpty()) {
        throw ProblemException.invalid("sort", "has an empty field name");
      }
      String stored = FieldPaths.stored(field);
      if (!seen.add(stored)) {
        throw ProblemException.invalid("sort", "names '" + field + "' twice");
      }
      paths.add(stored);
      directions.add(direction);
    }
    if (paths.size() > MAX_FIELDS) {
      throw ProblemException.invalid("sort", "may name at most " + MAX_FIELDS + " fields");
    }
    if (!seen.contains("_id")) {
      paths.add("_id");
      directions.add(directions.get(directions.size() - 1));
    }
    StringBuilder canonical = new StringBuilder();
    for (int i = 0; i < paths.size(); i++) {
      canonical.append(directions.get(i) < 0 ? "-" : "+").append(paths.get(i)).append(',');
    }
    return new Sorting(List.copyOf(paths), List.copyOf(directions), canonical.toString());
  }

  public Document toDocument() {
    Document sort = new Document();
    for (int i = 0; i < paths.size(); i++) {
      sort.put(paths.get(i), directions.get(i));
    }
    return sort;
  }

  /** The values of the sort paths in a stored record, in order. */
  public List<Object> keyOf(Document stored) {
    List<Object> key = new ArrayList<>();
    for (String path : paths) {
      Object value = stored;
      for (String segment : path.split("\\.")) {
        value = value instanceof Document doc ? doc.get(segment) : null;
      }
      key.add(value);
    }
    return key;
  }

  /**
   * The query for "strictly after this key" in this order (MongoDB), following the order of
   * {@link #comparator()}: after a value come the greater values of its type class and every value
   * of the classes after it (before it, for a descending field). MongoDB's {@code $gt}/{@code $lt}
   * compare within one type class only, so the other classes are named with {@code $type};
   * missing and {@code null} are {@code {path: null}}.
   */
  public Document after(List<Object> key) {
    List<Document> branches = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      Document branch = new Document();
      List<Document> conjunction = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        conjunction.add(new Document(paths.get(j), key.get(j)));
      }
      Document beyond = beyond(paths.get(i), directions.get(i), key.get(i));
      if (beyond == null) {
        continue;
      }
      conjunction.add(beyond);
      branch.put("$and", conjunction);
      branches.add(branch);
    }
    return branches.isEmpty() ? new Document("_id", new Document("$in", List.of())) : new Document("$or", branches);
  }

  /** MongoDB's $type aliases of the type classes, by rank (0, missing and null, has none). */
  private static final List<String> TYPE_ALIASES =
      List.of("null", "number", "string", "object", "array", "bool", "date");

  private static Document beyond(String path, int direction, Object value) {
    int rank = rank(value);
    if (rank > 0 && (path.equals("_id") || path.equals("createdAt") || path.equals("updatedAt"))) {
      // always present, always one type
      return new Document(path, new Document(direction > 0 ? "$gt" : "$lt", value));
    }
    List<Document> either = new ArrayList<>();
    if (direction > 0) {
      if (rank > 0) {
        either.add(new Document(path, new Document("$gt", value)));
      }
      List<String> later = TYPE_ALIASES.subList(rank + 1, TYPE_ALIASES.size());
      if (!later.isEmpty()) {
        either.add(new Document(path, new Document("$type", later)));
      }
    } else {
      if (rank == 0) {
        return null;
      }
      either.add(new Document(path, new Document("$lt", value)));
      List<String> earlier = TYPE_ALIASES.subList(1, rank);
      if (!earlier.isEmpty()) {
        either.add(new Document(path, new Document("$type", earlier)));
      }
      either.add(new Document(path, null));
    }
    return either.size() == 1 ? either.get(0) : new Document("$or", either);
  }

  /**
   * The one order of sort values both engines follow (MongoDB's order of types): missing and
   * {@code null} &lt; numbers &lt; strings &lt; objects &lt; arrays &lt; booleans &lt; dates.
   * Numbers compare by value across int, long and double; strings by code point; booleans false
   * before true; dates by instant. Objects and arrays have their place among the types, but their
   * order among themselves is unspecified (MongoDB sorts an array by its least or greatest
   * element, PostgreSQL by its jsonb order): sorting by fields that hold arrays or objects is only
   * stable, and a cursor cannot be made after such a value. The same holds for sort paths that
   * pass through an array (such as {@code a.0} or {@code a.b} over an array of objects).
   */
  public static int rank(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number || value instanceof org.bson.types.Decimal128) {
      return 1;
    }
    if (value instanceof String) {
      return 2;
    }
    if (value instanceof Document) {
      return 3;
    }
    if (value instanceof List<?>) {
      return 4;
    }
    if (value instanceof Boolean) {
      return 5;
    }
    return 6;
  }

  /** The order of stored records this sorting defines (see {@link #rank(Object)}). */
  public java.util.Comparator<Document> comparator() {
    return (a, b) -> {
      List<Object> ka = keyOf(a);
      List<Object> kb = keyOf(b);
      for (int i = 0; i < ka.size(); i++) {
        int c = compareValues(ka.get(i), kb.get(i));
        if (c != 0) {
          return directions.get(i) * c;
        }
      }
      return 0;
    };
  }

  /** Two sort values in the order of {@link #rank(Object)}, ascending. */
  public static int compareValues(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (ra == 0) {
      return 0;
    }
    Integer c = RecordMatcher.compare(a, b);
    if (c != null) {
      return c;
    }
    // objects and arrays: unspecified, but a total order
    return new Document("v", a).toJson().compareTo(new Document("v", b).toJson());
  }
}
