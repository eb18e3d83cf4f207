package dev.backpack.core.records.control;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Evaluates a filter in memory, with MongoDB's semantics, against a record in its stored shape
 * ({@link dev.backpack.core.records.entity.StoredRecord#toDocument()}). It runs over the query
 * that {@link RecordFilter#translate(Document)} produced, so a filter is validated by exactly the
 * code that validates it for REST, and means the same on a subscription as in a list call.
 *
 * <p>The MongoDB rules it follows (and {@code RecordMatcherTest} checks against a database):
 *
 * <ul>
 *   <li>a dotted path walks into arrays of objects ({@code a.b} looks at {@code b} of every
 *       element of {@code a}); a numeric segment also indexes an array;
 *   <li>a value that is an array matches when the array itself or one of its elements matches
 *       ({@code {"tags":"x"}} matches {@code tags: ["x","y"]});
 *   <li>{@code $ne}, {@code $nin} and {@code $not} are negations: they also match records that
 *       lack the field, and an array matches {@code $ne} only if no element is equal;
 *   <li>{@code null} equals a missing field;
 *   <li>{@code $gt $gte $lt $lte} compare only within one type: numbers with numbers (int, long,
 *       double alike), strings with strings (by code point, as MongoDB's binary comparison of
 *       UTF-8), dates with dates, booleans with booleans;
 *   <li>objects are equal when they have the same fields in the same order with equal values.
 * </ul>
 */
public final class RecordMatcher {

  private final Node root;

  private RecordMatcher(Node root) {
    this.root = root;
  }

  /** A matcher for a client filter: validated and translated by {@link RecordFilter}. */
  public static RecordMatcher of(Document clientFilter) {
    return compile(RecordFilter.translate(clientFilter));
  }

  /** A matcher for a query {@link RecordFilter#translate(Document)} already produced. */
  public static RecordMatcher compile(Document translated) {
    return new RecordMatcher(query(translated));
  }

  /** Whether the stored record matches. */
  public boolean matches(Document stored) {
    return root.test(stored);
  }

  private interface Node {
    boolean test(Document doc);
  }

  /** A condition on the values found at one path. */
  private interface Condition {
    boolean test(List<Object> values);
  }

  /** What a path yields where a field is absent. */
  private static final Object MISSING = new Object();

  private static Node query(Document query) {
    List<Node> all = new ArrayList<>();
    for (Map.Entry<String, Object> entry : query.entrySet()) {
      String key = entry.getKey();
      switch (key) {
        case "$and" -> {
          List<Node> branches = branches(entry.getValue());
          all.add(doc -> branches.stream().allMatch(b -> b.test(doc)));
        }
        case "$or" -> {
          List<Node> branches = branches(entry.getValue());
          all.add(doc -> branches.stream().anyMatch(b -> b.test(doc)));
        }
        case "$nor" -> {
          List<Node> branches = branches(entry.getValue());
          all.add(doc -> branches.stream().noneMatch(b -> b.test(doc)));
        }
        default -> {
          if (key.startsWith("$")) {
            throw new IllegalArgumentException("not a translated filter: " + key);
          }
          String[] path = key.split("\\.");
          Condition condition = operators((Document) entry.getValue());
          all.add(doc -> condition.test(values(doc, path)));
        }
      }
    }
    return doc -> {
      for (Node node : all) {
        if (!node.test(doc)) {
          return false;
        }
      }
      return true;
    };
  }

  private static List<Node> branches(Object value) {
    List<Node> nodes = new ArrayList<>();
    for (Object branch : (List<?>) value) {
      nodes.add(query((Document) branch));
    }
    return nodes;
  }

  /** The operators of one field; all of them must hold (each on its own, like MongoDB). */
  private static Condition operators(Document ops) {
    List<Condition> all = new ArrayList<>();
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      Object arg = op.getValue();
      switch (op.getKey()) {
        case "$eq" -> all.add(values -> anyEquals(values, arg));
        case "$ne" -> all.add(values -> !anyEquals(values, arg));
        case "$in" -> all.add(values -> anyIn(values, (List<?>) arg));
        case "$nin" -> all.add(values -> !anyIn(values, (List<?>) arg));
        case "$gt" -> all.add(values -> anyCompares(values, arg, c -> c > 0));
        case "$gte" -> all.add(values -> anyCompares(values, arg, c -> c >= 0));
        case "$lt" -> all.add(values -> anyCompares(values, arg, c -> c < 0));
        case "$lte" -> all.add(values -> anyCompares(values, arg, c -> c <= 0));
        case "$exists" -> {
          boolean wanted = (Boolean) arg;
          all.add(values -> values.stream().anyMatch(v -> v != MISSING) == wanted);
        }
        case "$regex" -> {
          Pattern pattern = pattern((String) arg, ops.getString("$options"));
          all.add(values -> anyRegex(values, pattern));
        }
        case "$options" -> {
          // read together with $regex
        }
        case "$not" -> {
          Condition inner = operators((Document) arg);
          all.add(values -> !inner.test(values));
        }
        default -> throw new IllegalArgumentException("not a translated operator: " + op.getKey());
      }
    }
    return values -> {
      for (Condition condition : all) {
        if (!condition.test(values)) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * The values at a path, with arrays on the way expanded; {@link #MISSING} where a branch ends
   * without the field. A value that is itself an array is returned whole; conditions look into it.
   */
  static List<Object> values(Object root, String[] path) {
    List<Object> out = new ArrayList<>();
    collect(root, path, 0, out);
    return out;
  }

  private static void collect(Object current, String[] path, int index, List<Object> out) {
    if (index == path.length) {
      out.add(current);
      return;
    }
    String segment = path[index];
    if (current instanceof Document doc) {
      if (doc.containsKey(segment)) {
        collect(doc.get(segment), path, index + 1, out);
      } else {
        out.add(MISSING);
      }
    } else if (current instanceof List<?> list) {
      int before = out.size();
      int position = arrayIndex(segment);
      if (position >= 0 && position < list.size()) {
        collect(list.get(position), path, index + 1, out);
      }
      for (Object element : list) {
        if (element instanceof Document) {
          collect(element, path, index, out);
        }
      }
      if (out.size() == before) {
        out.add(MISSING);
      }
    } else {
      out.add(MISSING);
    }
  }

  private static int arrayIndex(String segment) {
    if (segment.isEmpty() || segment.length() > 9) {
      return -1;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Integer.parseInt(segment);
  }

  private static boolean anyEquals(List<Object> values, Object arg) {
    for (Object value : values) {
      if (value == MISSING) {
        if (arg == null) {
          return true;
        }
        continue;
      }
      if (same(value, arg)) {
        return true;
      }
      if (value instanceof List<?> list) {
        for (Object element : list) {
          if (same(element, arg)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean anyIn(List<Object> values, List<?> args) {
    for (Object arg : args) {
      if (anyEquals(values, arg)) {
        return true;
      }
    }
    return false;
  }

  private interface Outcome {
    boolean holds(int comparison);
  }

  private static boolean anyCompares(List<Object> values, Object arg, Outcome outcome) {
    for (Object value : values) {
      if (value == MISSING) {
        continue;
      }
      if (value instanceof List<?> list) {
        for (Object element : list) {
          Integer c = compare(element, arg);
          if (c != null && outcome.holds(c)) {
            return true;
          }
        }
      } else {
        Integer c = compare(value, arg);
        if (c != null && outcome.holds(c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyRegex(List<Object> values, Pattern pattern) {
    for (Object value : values) {
      if (value instanceof String s && pattern.matcher(s).find()) {
        return true;
      }
      if (value instanceof List<?> list) {
        for (Object element : list) {
          if (element instanceof String s && pattern.matcher(s).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Pattern pattern(String regex, String options) {
    int flags = 0;
    if (options != null) {
      for (char option : options.toCharArray()) {
        flags |=
            switch (option) {
              case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
              case 'm' -> Pattern.MULTILINE;
              case 's' -> Pattern.DOTALL;
              case 'x' -> Pattern.COMMENTS;
              default -> 0;
            };
      }
    }
    return Pattern.compile(regex, flags);
  }

  /** MongoDB equality: numbers by value across types, objects and arrays field by field. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    if (isNumber(a) && isNumber(b)) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    if (a instanceof Document da && b instanceof Document db) {
      if (da.size() != db.size()) {
        return false;
      }
      var ia = da.entrySet().iterator();
      var ib = db.entrySet().iterator();
      while (ia.hasNext()) {
        var ea = ia.next();
        var eb = ib.next();
        if (!ea.getKey().equals(eb.getKey()) || !same(ea.getValue(), eb.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!same(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof ObjectId || b instanceof ObjectId) {
      return a.equals(b);
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /** The order of two values of one type class, or {@code null} when their types differ. */
  static Integer compare(Object value, Object arg) {
    if (value == null || arg == null) {
      return null;
    }
    if (isNumber(value) && isNumber(arg)) {
      return decimal(value).compareTo(decimal(arg));
    }
    if (value instanceof String a && arg instanceof String b) {
      return Integer.signum(compareCodePoints(a, b));
    }
    if (value instanceof Date a && arg instanceof Date b) {
      return a.compareTo(b);
    }
    if (value instanceof Boolean a && arg instanceof Boolean b) {
      return a.compareTo(b);
    }
    return null;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isNumber(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Decimal128;
  }

  private static BigDecimal decimal(Object number) {
    if (number instanceof Integer i) {
      return BigDecimal.valueOf(i);
    }
    if (number instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (number instanceof Decimal128 d) {
      return d.bigDecimalValue();
    }
    return new BigDecimal((Double) number);
  }
}
