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

  /** Sends a ping; the answer arrives as a pong (see {@link Connections#seen(Connection)}). */
  void ping();

  /** Closes with a close code and a short reason. */
  void close(int code, String reason);
}
