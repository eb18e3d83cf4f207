package dev.backpack.core.json.control;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Writes stored BSON values as JSON; dates as ISO-8601 UTC strings. */
public final class JsonWriter {

  private JsonWriter() {}

  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.createGenerator(out)) {
      writeValue(json, null, value);
    }
    return out.toString();
  }

  /**
   * A double as a decimal with at least one digit after the point ({@code 2.0}, {@code
   * 10000000000.0}, never {@code 1.0E10}): whoever reads it back (a client, PostgreSQL's jsonb)
   * sees a number that is not an integer.
   */
  public static BigDecimal fractional(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a JSON number: " + d);
    }
    BigDecimal exact = new BigDecimal(Double.toString(d));
    return exact.scale() > 0 ? exact : exact.setScale(1);
  }

  public static String iso(Date date) {
    return Instant.ofEpochMilli(date.getTime()).toString();
  }

  @SuppressWarnings("unchecked")
  static void writeValue(JsonGenerator json, String name, Object value) {
    if (value instanceof Map<?, ?> map) {
      if (name == null) {
        json.writeStartObject();
      } else {
        json.writeStartObject(name);
      }
      ((Map<String, Object>) map).forEach((k, v) -> writeValue(json, k, v));
      json.writeEnd();
    } else if (value instanceof List<?> list) {
      if (name == null) {
        json.writeStartArray();
      } else {
        json.writeStartArray(name);
      }
      list.forEach(v -> writeValue(json, null, v));
      json.writeEnd();
    } else if (value == null) {
      if (name == null) {
        json.writeNull();
      } else {
        json.writeNull(name);
      }
    } else if (value instanceof String s) {
      if (name == null) {
        json.write(s);
      } else {
        json.write(name, s);
      }
    } else if (value instanceof Boolean b) {
      if (name == null) {
        json.write(b);
      } else {
        json.write(name, b);
      }
    } else if (value instanceof Integer || value instanceof Long) {
      long l = ((Number) value).longValue();
      if (name == null) {
        json.write(l);
      } else {
        json.write(name, l);
      }
    } else if (value instanceof Double d) {
      BigDecimal exact = fractional(d);
      if (name == null) {
        json.write(exact);
      } else {
        json.write(name, exact);
      }
    } else if (value instanceof Decimal128 d) {
      if (name == null) {
        json.write(d.bigDecimalValue());
      } else {
        json.write(name, d.bigDecimalValue());
      }
    } else if (value instanceof Date date) {
      writeValue(json, name, iso(date));
    } else if (value instanceof ObjectId id) {
      writeValue(json, name, id.toHexString());
    } else {
      writeValue(json, name, value.toString());
    }
  }
}
