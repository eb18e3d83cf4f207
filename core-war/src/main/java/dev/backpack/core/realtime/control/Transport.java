package dev.backpack.core.realtime.control;

import java.util.function.Consumer;

/**
 * What realtime needs of a client connection, whatever carries it: the WebSocket boundary
 * implements it, unit tests fake it. The controls never see a WebSocket type.
 */
public interface Transport {

  /**
   * Sends one text frame asynchronously; {@code done} gets {@code null} once it was written, the
   * failure otherwise. At most one send is in flight per transport ({@link Outbox} sees to that).
   */
  void send(String text, Consumer<Throwable> done);

  /**
   * Sends a ping with a payload of at most 125 bytes; the client's pong carries it back (see
   * {@link Connections#pong(Connection, java.nio.ByteBuffer)}).
   */
  void ping(byte[] payload);

  /** Closes with a close code and a short reason. */
  void close(int code, String reason);
}
