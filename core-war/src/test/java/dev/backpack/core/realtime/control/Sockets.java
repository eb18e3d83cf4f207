package dev.backpack.core.realtime.control;

import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.realtime.entity.ClientFrame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/** Signed-in connections over fake transports, and what they were sent, for unit tests. */
final class Sockets {

  private static final AtomicInteger IDS = new AtomicInteger();

  private Sockets() {}

  static Connection of(String userId) {
    return of(userId, new FakeTransport(), 1000);
  }

  static Connection of(String userId, FakeTransport transport, int queueFrames) {
    Connection c = new Connection("c" + IDS.incrementAndGet(), transport, new FrameRate(100, 100, 0), 0);
    c.outbox =
        new Outbox(transport, queueFrames, 1 << 20, 1 << 20, Runnable::run, () -> transport.close(4001, "slow"), f -> {});
    c.caller = new Caller(userId, false);
    return c;
  }

  static List<JsonObject> sent(Connection c) {
    List<JsonObject> frames = new ArrayList<>();
    for (String text : ((FakeTransport) c.transport).sent) {
      frames.add(Json.createReader(new StringReader(text)).readObject());
    }
    return frames;
  }

  /** What was sent, as "type" or "type:op" or "type:members", compactly. */
  static List<String> summary(Connection c) {
    List<String> out = new ArrayList<>();
    for (JsonObject f : sent(c)) {
      String type = f.getString("type");
      switch (type) {
        case "change" -> out.add("change:" + f.getString("op") + ":" + f.getJsonObject("record").getString("id"));
        case "presence" -> out.add("presence:" + f.getJsonArray("members").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        case "message" -> out.add("message:" + f.getJsonObject("from").getString("userId") + ":" + f.get("data"));
        case "snapshot" -> out.add("snapshot:" + f.getJsonArray("items").size());
        default -> out.add(type);
      }
    }
    return out;
  }

  static void clear(Connection c) {
    ((FakeTransport) c.transport).sent.clear();
  }

  static ClientFrame frame(String json) {
    return ClientFrame.parse(Document.parse(json).toJson());
  }
}
