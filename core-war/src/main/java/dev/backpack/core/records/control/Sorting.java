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
   * The query for "strictly after this key" in this order. Missing and null values sort first
   * (as in MongoDB); a field should hold one type across records, because MongoDB compares
   * values of different types by type, not by value.
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

  private static Document beyond(String path, int direction, Object value) {
    if (direction > 0) {
      return value == null
          ? new Document(path, new Document("$ne", null))
          : new Document(path, new Document("$gt", value));
    }
    if (value == null) {
      return null;
    }
    if (path.equals("_id")) {
      return new Document(path, new Document("$lt", value));
    }
    return new Document(
        "$or",
        List.of(new Document(path, new Document("$lt", value)), new Document(path, null)));
  }
}
