package dev.backpack.core.records.control;

import dev.backpack.core.json.control.FieldNames;
import dev.backpack.core.json.control.JsonBodies;
import dev.backpack.core.problems.entity.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The whitelisted filter language of API.md, translated to a MongoDB query over stored paths.
 * Only {@code $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $not $regex} (with {@code
 * $options}) pass; anything else, or an operator where it does not belong, is a 400 and never
 * reaches MongoDB. A top-level {@code $not} negates a whole filter (it becomes {@code $nor}).
 */
public final class RecordFilter {

  public static final int MAX_LENGTH = 8 * 1024;
  static final int MAX_BRANCHES = 100;
  static final int MAX_IN = 1000;
  static final Set<String> COMPARISONS = Set.of("$gt", "$gte", "$lt", "$lte");

  private RecordFilter() {}

  /** Parses the URL parameter; {@code null} or blank means "everything". */
  public static Document parse(String filter) {
    if (filter == null || filter.isBlank()) {
      return new Document();
    }
    if (filter.length() > MAX_LENGTH) {
      throw ProblemException.invalid("filter", "may have at most " + MAX_LENGTH + " characters");
    }
    Document parsed;
    try {
      parsed = JsonBodies.parseQueryObject(filter);
    } catch (ProblemException e) {
      throw ProblemException.invalid("filter", "must be a JSON object: " + e.detail());
    }
    return translate(parsed);
  }

  /** Translates a parsed filter object (also used by realtime subscriptions). */
  public static Document translate(Document filter) {
    Document query = new Document();
    for (Map.Entry<String, Object> entry : filter.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      switch (key) {
        case "$and", "$or" -> query.put(key, branches(key, value));
        case "$not" -> query.put("$nor", List.of(translate(requireObject("$not", value))));
        default -> {
          if (key.startsWith("$")) {
            throw ProblemException.invalid(
                "filter",
                "operator " + key + " is not allowed here; at the top level use $and, $or, $not"
                    + " or a field name");
          }
          query.put(FieldPaths.stored(key), condition(key, value));
        }
      }
    }
    return query;
  }

  private static List<Document> branches(String operator, Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw ProblemException.invalid("filter", operator + " needs a non-empty array of filters");
    }
    if (list.size() > MAX_BRANCHES) {
      throw ProblemException.invalid(
          "filter", operator + " may have at most " + MAX_BRANCHES + " filters");
    }
    List<Document> translated = new ArrayList<>();
    for (Object branch : list) {
      translated.add(translate(requireObject(operator, branch)));
    }
    return translated;
  }

  private static Object condition(String path, Object value) {
    if (value instanceof Document ops && !ops.isEmpty() && hasOperator(ops)) {
      for (String key : ops.keySet()) {
        if (!key.startsWith("$")) {
          throw ProblemException.invalid(
              path, "mixes operators and field names; put the field names in an $eq object");
        }
      }
      return operators(path, ops);
    }
    return new Document("$eq", literal(path, value));
  }

  private static Document operators(String path, Document ops) {
    Document out = new Document();
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      String name = op.getKey();
      Object arg = op.getValue();
      switch (name) {
        case "$eq", "$ne" -> out.put(name, literal(path, arg));
        case "$gt", "$gte", "$lt", "$lte" -> {
          if (arg instanceof Document || arg instanceof List<?> || arg == null) {
            throw ProblemException.invalid(path, name + " needs a number, string or boolean");
          }
          out.put(name, literal(path, arg));
        }
        case "$in", "$nin" -> {
          if (!(arg instanceof List<?> list)) {
            throw ProblemException.invalid(path, name + " needs an array");
          }
          if (list.size() > MAX_IN) {
            throw ProblemException.invalid(path, name + " may have at most " + MAX_IN + " values");
          }
          List<Object> values = new ArrayList<>();
          list.forEach(v -> values.add(literal(path, v)));
          out.put(name, values);
        }
        case "$exists" -> {
          if (!(arg instanceof Boolean)) {
            throw ProblemException.invalid(path, "$exists needs true or false");
          }
          out.put(name, arg);
        }
        case "$regex" -> {
          if (!(arg instanceof String regex)) {
            throw ProblemException.invalid(path, "$regex needs a string");
          }
          out.put(name, RegexGuard.require(path, regex));
        }
        case "$options" -> {
          if (!(arg instanceof String options) || !ops.containsKey("$regex")) {
            throw ProblemException.invalid(path, "$options needs a string next to $regex");
          }
          out.put(name, RegexGuard.requireOptions(path, options));
        }
        case "$not" -> {
          Document inner = requireObject(path, arg);
          if (inner.isEmpty() || !hasOperator(inner)) {
            throw ProblemException.invalid(path, "$not needs an operator object such as {\"$gt\": 1}");
          }
          out.put(name, operators(path, inner));
        }
        default ->
            throw ProblemException.invalid(
                path,
                "operator "
                    + name
                    + " is not allowed; use $eq $ne $gt $gte $lt $lte $in $nin $exists $regex"
                    + " $not");
      }
    }
    if (out.containsKey("$regex")) {
      // only what every engine runs with Java's meaning (PostgreSQL runs a translation)
      PortableRegex.toPostgres(path, out.getString("$regex"), out.getString("$options"));
    }
    return out;
  }

  /**
   * A value compared with a field: objects may not hide operators or forbidden names; ISO-8601
   * strings compared with {@code createdAt}/{@code updatedAt} become dates.
   */
  private static Object literal(String path, Object value) {
    if (value instanceof Document doc) {
      requirePlainNames(path, doc);
      return doc;
    }
    if (value instanceof List<?> list) {
      list.forEach(v -> literal(path, v));
      return list;
    }
    if (FieldPaths.isDate(path)) {
      if (!(value instanceof String text)) {
        throw ProblemException.invalid(path, "compare with an ISO-8601 date string");
      }
      try {
        return Date.from(Instant.parse(text));
      } catch (DateTimeParseException e) {
        throw ProblemException.invalid(path, "'" + text + "' is not an ISO-8601 date");
      }
    }
    if (path.equals("id") && value != null && !(value instanceof String)) {
      throw ProblemException.invalid(path, "ids are strings");
    }
    return value;
  }

  private static void requirePlainNames(String path, Document doc) {
    if (doc.size() > 1) {
      // MongoDB compares objects field by field in order; PostgreSQL's jsonb does not keep the
      // order of fields, so neither engine may be asked (one answer on every engine)
      throw ProblemException.invalid(
          path,
          "compares with an object of several fields; compare its fields one by one"
              + " (\"a.b\": 1, \"a.c\": 2)");
    }
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      String problem = FieldNames.problemOf(e.getKey());
      if (problem != null) {
        throw ProblemException.invalid(path, problem);
      }
      if (e.getValue() instanceof Document inner) {
        requirePlainNames(path, inner);
      } else if (e.getValue() instanceof List<?> list) {
        list.forEach(v -> literal(path + "." + e.getKey(), v));
      }
    }
  }

  private static boolean hasOperator(Document doc) {
    return doc.keySet().stream().anyMatch(k -> k.startsWith("$"));
  }

  private static Document requireObject(String where, Object value) {
    if (!(value instanceof Document doc)) {
      throw ProblemException.invalid("filter", where + " needs a JSON object");
    }
    return doc;
  }
}
