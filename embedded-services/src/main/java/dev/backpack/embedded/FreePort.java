package dev.backpack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a free TCP port on the loopback interface. */
public final class FreePort {

  private FreePort() {}

  /**
   * Returns {@code port} itself when it is positive, otherwise a port that was free on 127.0.0.1 a
   * moment ago (the usual small race: another process may take it before the caller binds).
   *
   * @param port a fixed port, or 0 for "any free port"
   * @return the port to bind
   * @throws IllegalArgumentException if {@code port} is negative or above 65535
   * @throws UncheckedIOException if no port could be probed
   */
  public static int orFree(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (port > 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
