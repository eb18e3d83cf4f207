package dev.backpack.core.engine.postgres;

import dev.backpack.core.json.control.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A record's client data as {@code jsonb} text and back, so that what a client stored comes back
 * as it went in: integers up to 64 bits stay integers ({@code Integer} or {@code Long}), and a
 * double is always written with a fraction ({@link JsonWriter#fractional}: {@code 1.0}, never
 * {@code 1} or {@code 1.0E10}), which jsonb's numeric keeps, so it is read back as a double.
 */
public final class JsonbCodec {

  private static final JsonProvider JSON = JsonProvider.provider();

  private JsonbCodec() {}

  /** The JSON text of an object of client data (doubles always with a fraction). */
  public static String write(Map<String, Object> data) {
    return JsonWriter.write(data);
  }

  /** Parses the JSON text of an object (as PostgreSQL returns a jsonb value). */
  public static Document read(String text) {
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      parser.next();
      return object(parser);
    }
  }

  private static Document object(JsonParser parser) {
    Document document = new Document();
    while (true) {
      JsonParser.Event event = parser.next();
      if (event == JsonParser.Event.END_OBJECT) {
        return document;
      }
      String key = parser.getString();
      document.put(key, value(parser, parser.next()));
    }
  }

  private static Object value(JsonParser parser, JsonParser.Event event) {
    return switch (event) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER -> number(parser);
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected " + event);
    };
  }

  private static List<Object> array(JsonParser parser) {
    List<Object> list = new ArrayList<>();
    while (true) {
      JsonParser.Event event = parser.next();
      if (event == JsonParser.Event.END_ARRAY) {
        return list;
      }
      list.add(value(parser, event));
    }
  }

  private static Object number(JsonParser parser) {
    BigDecimal value = parser.getBigDecimal();
    if (value.scale() <= 0) {
      try {
        long exact = value.longValueExact();
        return exact == (int) exact ? (Object) (int) exact : (Object) exact;
      } catch (ArithmeticException tooBig) {
        // a double written without a fraction by someone else: keep it as a double
      }
    }
    return value.doubleValue();
  }
}
