package dev.backpack.core.json.control;

import dev.backpack.core.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Reads a JSON request body into a BSON {@link Document}, enforcing while it reads: a size limit
 * (413 without buffering more than the limit), a media type (415), well-formed UTF-8 JSON with an
 * object at the top (400), field names that MongoDB could misread ({@code $...}, dots, NUL, empty)
 * and duplicate names (400), and a nesting depth limit (400).
 */
public final class JsonBodies {

  /** Objects and arrays may nest this deep. */
  public static final int MAX_DEPTH = 32;

  private JsonBodies() {}

  /** Rejects a missing or non-JSON {@code Content-Type} with 415. */
  public static void requireJson(String contentType) {
    if (contentType == null) {
      throw ProblemException.unsupportedMediaType(
          "Missing Content-Type: send the body as application/json.");
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!type.equals("application/json") && !type.equals("application/merge-patch+json")) {
      throw ProblemException.unsupportedMediaType(
          "Content-Type " + type + " is not supported: send application/json.");
    }
  }

  /** Reads at most {@code maxBytes}; more is a 413, and nothing beyond the limit is buffered. */
  public static byte[] readLimited(InputStream body, long declaredLength, int maxBytes) {
    if (declaredLength > maxBytes) {
      throw ProblemException.tooLarge(
          "The body has " + declaredLength + " bytes; the limit is " + maxBytes + " bytes.");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (body) {
      int n;
      while ((n = body.read(buffer)) > 0) {
        if (out.size() + n > maxBytes) {
          throw ProblemException.tooLarge("The body exceeds the limit of " + maxBytes + " bytes.");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw ProblemException.badRequest("The body could not be read completely.");
    }
    return out.toByteArray();
  }

  /** Parses a JSON object; see the class comment for what is rejected. */
  public static Document parseObject(byte[] json) {
    return parseObject(json, true);
  }

  /**
   * Parses a JSON object of a query (filter): names may hold operators and dotted paths, which the
   * query's own parser validates; duplicates, depth and syntax are checked here.
   */
  public static Document parseQueryObject(String json) {
    return parseObject(json.getBytes(StandardCharsets.UTF_8), false);
  }

  private static Document parseObject(byte[] json, boolean strictNames) {
    if (json.length == 0) {
      throw ProblemException.badRequest("The body is empty: send a JSON object.");
    }
    requireUtf8(json);
    try (JsonParser parser = Json.createParser(new ByteArrayInputStream(json))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw ProblemException.badRequest("The body must be a JSON object.");
      }
      Document document = readObject(parser, "", 1, strictNames);
      if (parser.hasNext()) {
        throw ProblemException.badRequest("Unexpected content after the JSON object.");
      }
      return document;
    } catch (JsonParsingException e) {
      throw ProblemException.badRequest(
          "Malformed JSON at line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber()
              + ".");
    } catch (jakarta.json.JsonException e) {
      throw ProblemException.badRequest("Malformed JSON.");
    }
  }

  private static void requireUtf8(byte[] json) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(json));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw ProblemException.badRequest("The body is not valid UTF-8.");
    }
  }

  private static Document readObject(
      JsonParser parser, String path, int depth, boolean strictNames) {
    if (depth > MAX_DEPTH) {
      throw ProblemException.invalid(
          path.isEmpty() ? "(body)" : path, "nesting is deeper than " + MAX_DEPTH + " levels");
    }
    Document document = new Document();
    while (true) {
      JsonParser.Event event = parser.next();
      if (event == JsonParser.Event.END_OBJECT) {
        return document;
      }
      String key = parser.getString();
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      if (strictNames) {
        FieldNames.requireValid(key, fieldPath);
      }
      if (document.containsKey(key)) {
        throw ProblemException.invalid(fieldPath, "appears more than once");
      }
      document.put(key, readValue(parser, parser.next(), fieldPath, depth, strictNames));
    }
  }

  private static Object readValue(
      JsonParser parser, JsonParser.Event event, String path, int depth, boolean strictNames) {
    return switch (event) {
      case START_OBJECT -> readObject(parser, path, depth + 1, strictNames);
      case START_ARRAY -> readArray(parser, path, depth + 1, strictNames);
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER -> number(parser, path);
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw ProblemException.badRequest("Malformed JSON.");
    };
  }

  private static List<Object> readArray(
      JsonParser parser, String path, int depth, boolean strictNames) {
    if (depth > MAX_DEPTH) {
      throw ProblemException.invalid(path, "nesting is deeper than " + MAX_DEPTH + " levels");
    }
    List<Object> list = new ArrayList<>();
    while (true) {
      JsonParser.Event event = parser.next();
      if (event == JsonParser.Event.END_ARRAY) {
        return list;
      }
      list.add(readValue(parser, event, path + "[" + list.size() + "]", depth, strictNames));
    }
  }

  private static Object number(JsonParser parser, String path) {
    BigDecimal value = parser.getBigDecimal();
    if (parser.isIntegralNumber()) {
      try {
        long exact = value.longValueExact();
        if (exact == (int) exact) {
          return (int) exact;
        }
        return exact;
      } catch (ArithmeticException tooBig) {
        // falls through to a double, like JavaScript's own numbers
      }
    }
    double approx = value.doubleValue();
    if (Double.isInfinite(approx)) {
      throw ProblemException.invalid(path, "number is out of range");
    }
    return approx;
  }
}
