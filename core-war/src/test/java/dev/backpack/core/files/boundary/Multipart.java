package dev.backpack.core.files.boundary;

import dev.backpack.core.testing.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/** multipart/form-data bodies as a browser's FormData sends them, for the file ITs. */
final class Multipart {

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  final String boundary = "----BackpackTest" + UUID.randomUUID().toString().replace("-", "");
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();
  private byte[] fileHeader;
  private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** A text field; fields added before {@link #file} come before the file part, later ones after. */
  Multipart field(String name, String value) {
    ByteArrayOutputStream target = fileHeader == null ? head : tail;
    target.writeBytes(
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The file part's headers; the bytes come separately (in memory or streamed). */
  Multipart file(String filename, String type) {
    String disposition =
        "form-data; name=\"file\""
            + (filename == null ? "" : "; filename=\"" + filename.replace("\"", "%22") + "\"");
    fileHeader =
        ("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return this;
  }

  byte[] prefix() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toByteArray());
    if (fileHeader != null) {
      out.writeBytes(fileHeader);
    }
    return out.toByteArray();
  }

  byte[] suffix() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (fileHeader != null) {
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(tail.toByteArray());
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  byte[] body(byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix());
    out.writeBytes(file);
    out.writeBytes(suffix());
    return out.toByteArray();
  }

  /** Uploads a file held in memory. */
  static Api.Reply upload(Api api, String filename, String type, byte[] data, String... fields) {
    Multipart form = new Multipart();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      form.field(fields[i], fields[i + 1]);
    }
    form.file(filename, type);
    return api.sendBytes("POST", "/api/files", form.contentType(), form.body(data));
  }

  /**
   * Uploads {@code size} pseudo-random bytes generated while sending (never held in memory), with
   * a Content-Length; returns the answer and the SHA-256 of what was sent.
   */
  static Streamed uploadGenerated(String base, String token, long size, long seed) {
    Multipart form = new Multipart().file("big.bin", "application/octet-stream");
    byte[] prefix = form.prefix();
    byte[] suffix = form.suffix();
    MessageDigest sha = sha256();
    Supplier<InputStream> body =
        () ->
            new SequenceInputStream(
                java.util.Collections.enumeration(
                    List.of(
                        new java.io.ByteArrayInputStream(prefix),
                        new Generated(size, seed, sha),
                        new java.io.ByteArrayInputStream(suffix))));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/files"))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", form.contentType())
            .header("Authorization", "Bearer " + token)
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(body),
                    prefix.length + size + suffix.length))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Streamed(response.statusCode(), response.body(), HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Streamed(int status, String body, String sentSha256) {}

  /** Downloads a file, hashing it as it arrives; returns status, length and SHA-256. */
  static Downloaded download(String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest sha = sha256();
      long length = 0;
      try (InputStream in = response.body()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
          length += n;
        }
      }
      return new Downloaded(response.statusCode(), length, HexFormat.of().formatHex(sha.digest()), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Downloaded(int status, long length, String sha256, HttpResponse<InputStream> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** {@code size} pseudo-random bytes made on demand, hashed as they are read. */
  static final class Generated extends InputStream {
    private final Random random;
    private final MessageDigest sha;
    private long left;

    Generated(long size, long seed, MessageDigest sha) {
      this.random = new Random(seed);
      this.sha = sha;
      this.left = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      sha.update(chunk);
      left -= n;
      return n;
    }
  }
}
