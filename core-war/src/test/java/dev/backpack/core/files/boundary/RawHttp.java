package dev.backpack.core.files.boundary;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare HTTP/1.1 connection, for what a polished client hides: a body that is still being sent
 * when the answer comes, and a client that vanishes mid-upload.
 */
final class RawHttp implements Closeable {

  record Answer(int status, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String path;
  final AtomicLong sent = new AtomicLong();

  /** {@code base} like {@code http://127.0.0.1:8080/backpack}. */
  RawHttp(String base) throws IOException {
    URI uri = URI.create(base);
    socket = new Socket("127.0.0.1", uri.getPort());
    socket.setSoTimeout(60_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
    path = uri.getPath();
  }

  void head(String method, String route, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + path + route + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("\r\n");
    write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    sent.addAndGet(bytes.length);
  }

  /** One chunk of a chunked body; an empty one ends it. */
  void chunk(byte[] bytes) throws IOException {
    write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    write(bytes);
    write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  Answer answer() throws IOException {
    String status = line();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = headers.get("content-length");
    if (length != null) {
      body.writeBytes(in.readNBytes(Integer.parseInt(length)));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
        body.writeBytes(in.readNBytes(size));
        line();
      }
      line();
    }
    return new Answer(
        Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed; got " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Goes away abruptly (TCP reset), as a crashed client or a dropped network does. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
