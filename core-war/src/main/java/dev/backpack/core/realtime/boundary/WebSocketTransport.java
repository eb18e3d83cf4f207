package dev.backpack.core.realtime.boundary;

import dev.backpack.core.realtime.control.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A {@link Transport} over a Jakarta WebSocket session. */
final class WebSocketTransport implements Transport {

  /** A close reason may have at most 123 bytes of UTF-8. */
  static final int MAX_REASON_BYTES = 123;

  private final Session session;

  WebSocketTransport(Session session) {
    this.session = session;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    try {
      session
          .getAsyncRemote()
          .sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void ping(byte[] payload) {
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close(int code, String reason) {
    if (!session.isOpen()) {
      return;
    }
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), shorten(reason)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String shorten(String reason) {
    String shorter = reason;
    while (shorter.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      shorter = shorter.substring(0, shorter.length() - 1);
    }
    return shorter;
  }
}
