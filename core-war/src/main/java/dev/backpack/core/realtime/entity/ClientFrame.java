package dev.backpack.core.realtime.entity;

import dev.backpack.core.json.control.JsonBodies;
import dev.backpack.core.problems.entity.ProblemException;
import java.nio.charset.StandardCharsets;
import org.bson.Document;

/**
 * One frame a client sent: its {@code type}, its optional {@code id} (echoed in the {@code ack}
 * or {@code error} that answers it) and the whole object. Parsing checks only the envelope; each
 * type's fields are checked by the control that handles it.
 */
public record ClientFrame(String type, Object id, Document body) {

  public static final int MAX_ID_LENGTH = 64;

  /**
   * Parses a text frame: a JSON object with the same limits as a request body (depth, duplicate
   * names, UTF-8), a string {@code type} and an {@code id} that is a short string or an integer.
   *
   * @throws Malformed with the frame's id when it could be read
   */
  public static ClientFrame parse(String text) {
    Document body;
    try {
      body = JsonBodies.parseQueryObject(text);
    } catch (ProblemException e) {
      throw new Malformed(null, e);
    }
    Object id = body.get("id");
    if (id != null && !validId(id)) {
      throw new Malformed(
          null,
          ProblemException.invalid(
              "id", "must be a string of at most " + MAX_ID_LENGTH + " characters or an integer"));
    }
    if (!(body.get("type") instanceof String type) || type.isEmpty()) {
      throw new Malformed(id, ProblemException.invalid("type", "is required: a string"));
    }
    return new ClientFrame(type, id, body);
  }

  private static boolean validId(Object id) {
    return (id instanceof String s && s.length() <= MAX_ID_LENGTH)
        || id instanceof Integer
        || id instanceof Long;
  }

  /** The UTF-8 length of a frame, without encoding it. */
  public static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** A string field, or a 400 naming it. */
  public String requireString(String field) {
    if (!(body.get(field) instanceof String value) || value.isEmpty()) {
      throw ProblemException.invalid(field, "is required: a non-empty string");
    }
    return value;
  }

  /** An optional string field; a 400 when present with another type. */
  public String optionalString(String field) {
    Object value = body.get(field);
    if (value != null && !(value instanceof String)) {
      throw ProblemException.invalid(field, "must be a string");
    }
    return (String) value;
  }

  /** An object field, or a 400 naming it; {@code null} allowed when not required. */
  public Document object(String field, boolean required) {
    Object value = body.get(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof Document document)) {
      throw ProblemException.invalid(field, required ? "is required: an object" : "must be an object");
    }
    return document;
  }

  /** An optional boolean field. */
  public boolean flag(String field) {
    Object value = body.get(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw ProblemException.invalid(field, "must be true or false");
    }
    return b;
  }

  /** An optional whole number within bounds. */
  public int number(String field, int fallback, int min, int max) {
    Object value = body.get(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer n) || n < min || n > max) {
      throw ProblemException.invalid(field, "must be a whole number from " + min + " to " + max);
    }
    return n;
  }

  /** The object field re-read with the strict rules of a record body (names, depth). */
  public Document recordBody(String field) {
    Document record = object(field, true);
    String json = dev.backpack.core.json.control.JsonWriter.write(record);
    return JsonBodies.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A frame that could not be read; {@code id} when the frame's id was readable. */
  public static final class Malformed extends RuntimeException {

    private final transient Object id;
    private final ProblemException problem;

    public Malformed(Object id, ProblemException problem) {
      super(problem.getMessage(), null, false, false);
      this.id = id;
      this.problem = problem;
    }

    public Object id() {
      return id;
    }

    public ProblemException problem() {
      return problem;
    }
  }
}
