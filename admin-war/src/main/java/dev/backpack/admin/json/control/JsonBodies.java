package dev.backpack.admin.json.control;

import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Small JSON command bodies: {@code application/json} only (415), at most {@value #MAX_BYTES}
 * bytes (413), valid UTF-8 and one JSON object (400), only known fields (400 naming the field).
 */
public final class JsonBodies {

  /** Largest command body the platform reads. */
  public static final int MAX_BYTES = 16 * 1024;

  private JsonBodies() {}

  /**
   * Reads a command body.
   *
   * @param contentType the request's Content-Type header
   * @param body the body
   * @param allowed field names that may appear
   * @return the object
   * @throws ProblemException 415, 413 or 400
   */
  public static JsonObject read(String contentType, InputStream body, Set<String> allowed) {
    requireJson(contentType);
    byte[] bytes = readLimited(body, MAX_BYTES);
    JsonObject object = parseObject(bytes);
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        throw ProblemException.invalid(key.length() > 64 ? key.substring(0, 64) : key, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return object;
  }

  /** 415 unless the media type is {@code application/json} (any charset parameter but UTF-8 refused). */
  public static void requireJson(String contentType) {
    if (contentType == null) {
      throw ProblemException.unsupportedMediaType("Send the body as application/json.");
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      throw ProblemException.unsupportedMediaType("Send the body as application/json.");
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
        throw ProblemException.unsupportedMediaType("Send the body as application/json in UTF-8.");
      }
    }
  }

  /** Reads at most {@code limit} bytes; 413 beyond. */
  public static byte[] readLimited(InputStream body, int limit) {
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] bytes = body.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw ProblemException.tooLarge("The body exceeds " + limit + " bytes.");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject parseObject(byte[] bytes) {
    if (bytes.length == 0) {
      throw ProblemException.badRequest("The body is empty; send a JSON object.");
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest("The body is not valid UTF-8.");
    }
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw ProblemException.badRequest("The body must be a JSON object.");
      }
      return value.asJsonObject();
    } catch (JsonParsingException e) {
      throw ProblemException.badRequest("The body is not valid JSON.");
    } catch (JsonException | IllegalStateException e) {
      throw ProblemException.badRequest("The body is not valid JSON.");
    }
  }

  /**
   * A string field, or empty when absent; 400 when present with another type.
   *
   * @param object the body
   * @param field the field
   * @return its value
   */
  public static Optional<String> string(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonString text) {
      return Optional.of(text.getString());
    }
    throw ProblemException.invalid(field, "must be a string");
  }

  /**
   * A required string field.
   *
   * @param object the body
   * @param field the field
   * @return its value
   * @throws ProblemException 400 when absent or not a string
   */
  public static String requiredString(JsonObject object, String field) {
    return string(object, field).orElseThrow(() -> ProblemException.invalid(field, "is required and must be a string"));
  }
}
