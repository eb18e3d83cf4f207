package dev.backpack.core.files.control;

import dev.backpack.core.problems.entity.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, RFC 2046 section 5.1) as it arrives: one
 * part after another, each part's body an {@link InputStream} that ends at the next delimiter.
 * It holds one buffer of {@value #BUFFER} bytes, whatever the size of the body, so a file part
 * can be copied to disk without ever being in memory.
 *
 * <p>Limits, so that a hostile body cannot make it hold much or loop long: a preamble of at most
 * {@value #MAX_PREAMBLE} bytes, at most {@value #MAX_PARTS} parts, part headers of at most {@value
 * #MAX_HEADER_BYTES} bytes. A body that ends before its closing delimiter (a client that went
 * away, a truncated request) is an error, never a shorter file.
 */
public final class MultipartStream {

  static final int BUFFER = 64 * 1024;
  static final int MAX_PREAMBLE = 1024;
  static final int MAX_PARTS = 8;
  static final int MAX_HEADER_BYTES = 8 * 1024;
  private static final Pattern BOUNDARY =
      Pattern.compile(
          ".*;\\s*boundary=(?:\"([^\"]{1,70})\"|([^;\\s\"]{1,70}))\\s*(?:;.*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BCHARS = Pattern.compile("[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]");

  /** One part: its form field name, the file name if any, its own Content-Type, its bytes. */
  public record Part(String name, String filename, String contentType, InputStream body) {}

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf;
  private int pos;
  private int end;
  private boolean eof;
  private long consumed;
  private PartBody current;
  private boolean done;
  private int parts;

  public MultipartStream(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[BUFFER];
    // as if the body began with CRLF, so the first delimiter is found like every other one
    buf[0] = '\r';
    buf[1] = '\n';
    end = 2;
    current = new PartBody(MAX_PREAMBLE);
  }

  /**
   * The boundary of a {@code multipart/form-data} Content-Type; 415 for any other type, 400 when
   * the boundary is missing or malformed.
   */
  public static String boundary(String contentType) {
    if (contentType == null
        || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw ProblemException.unsupportedMediaType(
          "Send the file as multipart/form-data with a part named 'file' (as a browser's"
              + " FormData does).");
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.matches()) {
      throw ProblemException.badRequest("The multipart Content-Type has no boundary.");
    }
    String boundary = m.group(1) != null ? m.group(1) : m.group(2);
    if (!BCHARS.matcher(boundary).matches()) {
      throw ProblemException.badRequest("The multipart boundary is not valid (RFC 2046).");
    }
    return boundary;
  }

  /** Bytes read from the request so far. */
  public long consumed() {
    return consumed;
  }

  /** The next part, or null after the closing delimiter; skips what is left of the current one. */
  public Part next() throws IOException {
    if (done) {
      return null;
    }
    current.skipRest();
    if (!fill(2)) {
      throw truncated();
    }
    if (buf[pos] == '-' && buf[pos + 1] == '-') {
      done = true;
      return null;
    }
    String rest = line(MAX_HEADER_BYTES);
    if (!rest.isBlank()) {
      throw ProblemException.badRequest("The multipart body is malformed after a boundary.");
    }
    if (++parts > MAX_PARTS) {
      throw ProblemException.badRequest("The multipart body has more than " + MAX_PARTS + " parts.");
    }
    Map<String, String> headers = headers();
    Map<String, String> disposition = parameters(headers.get("content-disposition"));
    String name = disposition.get("name");
    if (!"form-data".equals(disposition.get("")) || name == null) {
      throw ProblemException.badRequest(
          "Each multipart part needs 'Content-Disposition: form-data; name=...'.");
    }
    String filename = disposition.get("filename*");
    if (filename == null) {
      filename = disposition.get("filename");
    }
    current = new PartBody(-1);
    return new Part(name, filename, headers.get("content-type"), current);
  }

  private Map<String, String> headers() throws IOException {
    Map<String, String> headers = new HashMap<>();
    int total = 0;
    String last = null;
    while (true) {
      String line = line(MAX_HEADER_BYTES - total);
      total += line.length() + 2;
      if (line.isEmpty()) {
        return headers;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        headers.merge(last, " " + line.trim(), String::concat);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw ProblemException.badRequest("A multipart part header is malformed.");
      }
      last = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.put(last, line.substring(colon + 1).trim());
    }
  }

  /**
   * The parameters of a Content-Disposition value; key {@code ""} holds the disposition type.
   * Quoted values may escape {@code "} and {@code \}; browsers send {@code "} as {@code %22},
   * which is decoded for {@code filename}; {@code filename*} is RFC 5987 ({@code UTF-8''...}).
   */
  static Map<String, String> parameters(String value) {
    Map<String, String> params = new HashMap<>();
    if (value == null) {
      return params;
    }
    int i = 0;
    int n = value.length();
    int semicolon = value.indexOf(';');
    params.put("", (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT));
    i = semicolon < 0 ? n : semicolon + 1;
    while (i < n) {
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && value.charAt(i) == ' ') {
        i++;
      }
      StringBuilder v = new StringBuilder();
      if (i < n && value.charAt(i) == '"') {
        i++;
        while (i < n && value.charAt(i) != '"') {
          char c = value.charAt(i);
          if (c == '\\' && i + 1 < n && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
            c = value.charAt(++i);
          }
          v.append(c);
          i++;
        }
        i++;
      } else {
        while (i < n && value.charAt(i) != ';') {
          v.append(value.charAt(i++));
        }
      }
      while (i < n && value.charAt(i) != ';') {
        i++;
      }
      i++;
      String text = v.toString().trim();
      if (key.equals("filename*")) {
        text = extended(text);
        if (text == null) {
          continue;
        }
      } else if (key.equals("filename")) {
        text = text.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
      }
      params.putIfAbsent(key, text);
    }
    return params;
  }

  private static String extended(String value) {
    int quote = value.indexOf("''");
    if (quote < 0 || !value.substring(0, quote).equalsIgnoreCase("UTF-8")) {
      return null;
    }
    try {
      return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One line up to CRLF (or LF), decoded as UTF-8, at most {@code max} bytes. */
  private String line(int max) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (!fill(1)) {
        throw truncated();
      }
      byte b = buf[pos++];
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      if (line.size() >= max) {
        throw ProblemException.badRequest(
            "The multipart part headers are longer than " + MAX_HEADER_BYTES + " bytes.");
      }
      line.write(b);
    }
  }

  /** Makes at least {@code n} bytes available unless the body ends first. */
  private boolean fill(int n) throws IOException {
    while (end - pos < n) {
      if (eof) {
        return false;
      }
      if (pos > 0 && buf.length - end < buf.length / 2) {
        System.arraycopy(buf, pos, buf, 0, end - pos);
        end -= pos;
        pos = 0;
      }
      int read = in.read(buf, end, buf.length - end);
      if (read < 0) {
        eof = true;
      } else {
        end += read;
        consumed += read;
      }
    }
    return true;
  }

  private int indexOfDelimiter() {
    int last = end - delimiter.length;
    outer:
    for (int i = pos; i <= last; i++) {
      if (buf[i] != '\r') {
        continue;
      }
      for (int j = 1; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static ProblemException truncated() {
    return ProblemException.badRequest(
        "The upload ended before the multipart body was complete; nothing was stored.");
  }

  /** The bytes of one part, up to the next delimiter. */
  private final class PartBody extends InputStream {

    private final long max;
    private long read;
    private boolean finished;

    PartBody(long max) {
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (finished) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (!fill(delimiter.length)) {
        throw truncated();
      }
      int at = indexOfDelimiter();
      if (at == pos) {
        pos += delimiter.length;
        finished = true;
        return -1;
      }
      int safe = at >= 0 ? at - pos : end - pos - (delimiter.length - 1);
      int n = Math.min(len, safe);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      read += n;
      if (max >= 0 && read > max) {
        throw ProblemException.badRequest("The multipart preamble is too long.");
      }
      return n;
    }

    void skipRest() throws IOException {
      byte[] skip = new byte[4096];
      while (read(skip, 0, skip.length) >= 0) {
        // discard
      }
    }
  }
}
