package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A WebSocket client as a browser app would use it (the JDK's {@link WebSocket}), on 127.0.0.1:
 * it collects the frames the server sends and the close code.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  static final Duration WAIT = Duration.ofSeconds(10);

  /** A close the server sent: code and reason. */
  record Closed(int code, String reason) {}

  private final List<JsonObject> inbox = new ArrayList<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicBoolean reading = new AtomicBoolean(true);
  private volatile WebSocket socket;

  /** The realtime URL of the backpack at {@code base} (Arquillian's URL), on the loopback. */
  static URI realtime(URL base) {
    return URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath().replaceAll("/$", "") + "/api/realtime");
  }

  /** Connects; {@code headers} are name/value pairs for the upgrade request. */
  static WsClient connect(URI uri, String... headers) {
    WsClient client = new WsClient();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    client.socket = builder.buildAsync(uri, client).orTimeout(20, TimeUnit.SECONDS).join();
    return client;
  }

  /** Connects and authenticates with an auth frame. */
  static WsClient signedIn(URI uri, String token) {
    WsClient client = connect(uri);
    JsonObject ack = client.request("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
    assertEquals("ack", ack.getString("type"), ack::toString);
    return client;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      JsonObject frame = Json.createReader(new StringReader(partial.toString())).readObject();
      synchronized (inbox) {
        inbox.add(frame);
        inbox.notifyAll();
      }
      partial.setLength(0);
    }
    if (reading.get()) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(new Closed(-1, String.valueOf(error)));
  }

  /** Stops reading: the server's frames pile up in TCP buffers and then in its queue. */
  void pause() {
    reading.set(false);
  }

  /** Reads again. */
  void resume() {
    reading.set(true);
    socket.request(Long.MAX_VALUE);
  }

  void send(String text) {
    socket.sendText(text, true).orTimeout(20, TimeUnit.SECONDS).join();
  }

  void sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /**
   * Sends a frame with a fresh id (added after the opening brace) and returns the ack or error
   * answering it; other frames stay queued.
   */
  JsonObject request(String json) {
    String id = "r" + ids.incrementAndGet();
    send("{\"id\":\"" + id + "\"," + json.substring(1));
    return next(
        f ->
            id.equals(f.containsKey("id") ? f.get("id").toString().replace("\"", "") : null)
                && List.of("ack", "error", "pong").contains(f.getString("type")));
  }

  /** The ack of a request; fails on an error. */
  JsonObject ok(String json) {
    JsonObject answer = request(json);
    assertEquals("ack", answer.getString("type"), () -> json + " -> " + answer);
    return answer;
  }

  /** The error answering a request, with its status. */
  JsonObject error(String json, int status) {
    JsonObject answer = request(json);
    assertEquals("error", answer.getString("type"), () -> json + " -> " + answer);
    assertEquals(status, answer.getInt("status"), answer::toString);
    return answer;
  }

  /**
   * The first frame (in arrival order) matching, taken from the inbox; frames that do not match
   * stay there for later.
   */
  JsonObject next(Predicate<JsonObject> wanted) {
    return next(wanted, WAIT);
  }

  JsonObject next(Predicate<JsonObject> wanted, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (inbox) {
      while (true) {
        for (var it = inbox.iterator(); it.hasNext(); ) {
          JsonObject frame = it.next();
          if (wanted.test(frame)) {
            it.remove();
            return frame;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("no matching frame within " + wait + "; inbox " + inbox + "; closed " + closed.getNow(null));
        }
        try {
          inbox.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** The first frame of a type. */
  JsonObject next(String type) {
    return next(f -> type.equals(f.getString("type")));
  }

  /** The oldest frame, whatever it is. */
  JsonObject next() {
    return next(f -> true);
  }

  /** The oldest frame, or {@code null} once the server closed the socket and nothing is left. */
  JsonObject nextOrClosed(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (inbox) {
      while (inbox.isEmpty()) {
        if (closed.isDone()) {
          return null;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("no frame and no close within " + wait);
        }
        try {
          inbox.wait(Math.min(50, Math.max(1, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return inbox.remove(0);
    }
  }

  /** Waits {@code wait}, then asserts that no frame matching arrived; the inbox stays. */
  void none(Predicate<JsonObject> unwanted, Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    synchronized (inbox) {
      for (JsonObject frame : inbox) {
        if (unwanted.test(frame)) {
          fail("unexpected frame " + frame + " in " + inbox);
        }
      }
    }
  }

  /** Takes every frame received so far. */
  List<JsonObject> drain() {
    synchronized (inbox) {
      List<JsonObject> all = new ArrayList<>(inbox);
      inbox.clear();
      return all;
    }
  }

  /** The close the server sent, waiting up to {@code wait}. */
  Closed closed(Duration wait) {
    try {
      return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      fail("not closed within " + wait + "; inbox " + drain());
      return null;
    }
  }

  Closed closed() {
    return closed(WAIT);
  }

  boolean isOpen() {
    return !closed.isDone() && !socket.isInputClosed();
  }

  /** Asserts the socket is open and answering: a ping gets its pong. */
  void assertOpen() {
    JsonObject pong = request("{\"type\":\"ping\"}");
    assertEquals("pong", pong.getString("type"), pong::toString);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    socket.abort();
  }
}
