package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client written by hand, for what a well-behaved client never does: ignoring pings,
 * sending frames over the container's limit.
 */
final class RawSocket implements AutoCloseable {

  static final int TEXT = 0x1;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A frame received: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {

    /** The close code of a close frame. */
    int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens and upgrades; {@code headers} are extra "Name: value" lines. */
  static RawSocket open(URI ws, String... headers) {
    try {
      RawSocket raw = new RawSocket(new Socket("127.0.0.1", ws.getPort()));
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      StringBuilder request =
          new StringBuilder("GET " + ws.getRawPath() + " HTTP/1.1\r\n")
              .append("Host: 127.0.0.1:").append(ws.getPort()).append("\r\n")
              .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
              .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
              .append("Sec-WebSocket-Version: 13\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      request.append("\r\n");
      raw.out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      raw.out.flush();
      String response = raw.readHead();
      assertTrue(response.startsWith("HTTP/1.1 101"), response);
      return raw;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  void sendText(String text) {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one masked, final frame. */
  void send(int opcode, byte[] payload) {
    try {
      ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
      frame.write(0x80 | opcode);
      if (payload.length < 126) {
        frame.write(0x80 | payload.length);
      } else if (payload.length < 65536) {
        frame.write(0x80 | 126);
        frame.write(payload.length >>> 8);
        frame.write(payload.length);
      } else {
        frame.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame.write((int) ((long) payload.length >>> shift));
        }
      }
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < payload.length; i++) {
        frame.write(payload[i] ^ mask[i % 4]);
      }
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next frame from the server, or {@code null} when none came within {@code wait}. */
  Frame read(Duration wait) {
    try {
      socket.setSoTimeout((int) wait.toMillis());
      int first = in.read();
      if (first < 0) {
        return null;
      }
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame(first & 0x0f, payload);
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads frames until a close frame (returned) or until nothing more comes within {@code wait}. */
  Frame readUntilClose(Duration wait, java.util.List<Integer> opcodesSeen) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Frame frame = read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      if (frame == null) {
        return null;
      }
      opcodesSeen.add(frame.opcode());
      if (frame.opcode() == CLOSE) {
        return frame;
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
  }
}
