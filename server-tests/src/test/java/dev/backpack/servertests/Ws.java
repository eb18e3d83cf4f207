package dev.backpack.servertests;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A realtime client (the JDK's WebSocket) that queues the JSON frames the server sends. */
final class Ws implements WebSocket.Listener, AutoCloseable {

  private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static Ws connect(URI uri) {
    Ws ws = new Ws();
    ws.socket =
        Http.CLIENT
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, ws)
            .orTimeout(30, TimeUnit.SECONDS)
            .join();
    return ws;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      inbox.add(Json.createReader(new StringReader(partial.toString())).readObject());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  void send(String json) {
    socket.sendText(json, true).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** The first frame matching within 20 s; frames before it are dropped. */
  JsonObject next(Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try {
      while (true) {
        JsonObject frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (frame == null) {
          throw new AssertionError("no matching frame within 20 s");
        }
        if (wanted.test(frame)) {
          return frame;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonObject answerTo(String id) {
    return next(f -> f.containsKey("id") && id.equals(f.getString("id", null)));
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
