package dev.backpack.core.records.control;

import dev.backpack.core.problems.entity.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.bson.types.Decimal128;

/**
 * The opaque {@code after}/{@code next} cursor: the sort key of the last record of a page, tied to
 * the sort it was made for. A cursor from a client is untrusted input: only scalar values pass.
 */
public final class Cursors {

  static final int MAX_LENGTH = 4096;

  private Cursors() {}

  public static String encode(Sorting sorting, List<Object> key) {
    String json = new Document("s", sorting.canonical()).append("k", key).toJson();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  public static List<Object> decode(Sorting sorting, String cursor) {
    if (cursor.length() > MAX_LENGTH) {
      throw ProblemException.invalid("after", "is not a cursor of this API");
    }
    Document parsed;
    try {
      parsed =
          Document.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JsonParseException | org.bson.BsonInvalidOperationException e) {
      throw ProblemException.invalid("after", "is not a cursor of this API");
    }
    if (!sorting.canonical().equals(parsed.get("s"))) {
      throw ProblemException.invalid(
          "after", "was made for another sort; pass the same sort as for the first page");
    }
    if (!(parsed.get("k") instanceof List<?> key) || key.size() != sorting.paths().size()) {
      throw ProblemException.invalid("after", "is not a cursor of this API");
    }
    for (Object value : key) {
      if (!(value == null
          || value instanceof String
          || value instanceof Number
          || value instanceof Boolean
          || value instanceof Date
          || value instanceof Decimal128)) {
        throw ProblemException.invalid("after", "is not a cursor of this API");
      }
    }
    return (List<Object>) key;
  }
}
