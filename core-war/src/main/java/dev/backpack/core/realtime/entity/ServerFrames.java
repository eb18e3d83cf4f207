package dev.backpack.core.realtime.entity;

import dev.backpack.core.json.control.JsonWriter;
import dev.backpack.core.problems.entity.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames the server sends, as JSON text. Frames that go to many sockets ({@code change},
 * {@code message}) splice JSON written once per event, so fan-out costs no serialisation per
 * subscriber beyond the envelope.
 */
public final class ServerFrames {

  private ServerFrames() {}

  /** {@code {"type":"ack","id"?,...extra}}. */
  public static String ack(Object id, Map<String, Object> extra) {
    Map<String, Object> frame = start("ack", id);
    frame.putAll(extra);
    return JsonWriter.write(frame);
  }

  public static String ack(Object id) {
    return ack(id, Map.of());
  }

  /** {@code {"type":"error","id"?,"status","detail","errors"?}}, like a problem+json body. */
  public static String error(Object id, ProblemException problem) {
    Map<String, Object> frame = start("error", id);
    frame.put("status", problem.status());
    frame.put("detail", problem.detail());
    if (!problem.errors().isEmpty()) {
      frame.put(
          "errors",
          problem.errors().stream()
              .map(e -> Map.<String, Object>of("field", e.field(), "message", e.message()))
              .toList());
    }
    return JsonWriter.write(frame);
  }

  public static String pong(Object id) {
    return JsonWriter.write(start("pong", id));
  }

  /** {@code {"type":"change","sub","op","record"}} around a record written once as JSON. */
  public static String change(String sub, String op, String recordJson) {
    return "{\"type\":\"change\",\"sub\":"
        + JsonWriter.write(sub)
        + ",\"op\":\""
        + op
        + "\",\"record\":"
        + recordJson
        + "}";
  }

  /** {@code {"type":"snapshot","sub","items","next"}}. */
  public static String snapshot(String sub, List<Map<String, Object>> items, String next) {
    Map<String, Object> frame = start("snapshot", null);
    frame.put("sub", sub);
    frame.put("items", items);
    frame.put("next", next);
    return JsonWriter.write(frame);
  }

  /** {@code {"type":"message","channel","from":{"userId"},"data"}} around data written once. */
  public static String message(String channel, String userId, String dataJson) {
    return "{\"type\":\"message\",\"channel\":"
        + JsonWriter.write(channel)
        + ",\"from\":{\"userId\":"
        + JsonWriter.write(userId)
        + "},\"data\":"
        + dataJson
        + "}";
  }

  /** {@code {"type":"presence","channel","members":[userId...]}}. */
  public static String presence(String channel, List<String> members) {
    Map<String, Object> frame = start("presence", null);
    frame.put("channel", channel);
    frame.put("members", members);
    return JsonWriter.write(frame);
  }

  /**
   * {@code {"type":"gap","detail"}}: events from other replicas may have been lost while Redis
   * was unreachable; a client takes new snapshots.
   */
  public static String gap(String detail) {
    Map<String, Object> frame = start("gap", null);
    frame.put("detail", detail);
    return JsonWriter.write(frame);
  }

  private static Map<String, Object> start(String type, Object id) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", type);
    if (id != null) {
      frame.put("id", id);
    }
    return frame;
  }
}
