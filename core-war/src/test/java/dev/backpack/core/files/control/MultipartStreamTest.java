package dev.backpack.core.files.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.core.files.control.MultipartStream.Part;
import dev.backpack.core.problems.entity.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartStreamTest {

  static final String B = "----formdata-x7Kq";

  MultipartStream cut;

  record Read(String name, String filename, String contentType, byte[] body) {}

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : pieces) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] body(byte[] file) {
    return concat(
        ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nholiday\r\n"),
        ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"),
        ascii("Content-Type: application/octet-stream\r\n\r\n"),
        file,
        ascii("\r\n--" + B + "--\r\n"));
  }

  /** Hands out at most {@code step} bytes per read, as a slow network does. */
  static InputStream trickle(byte[] data, int step) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  List<Read> readAll(InputStream in) throws IOException {
    cut = new MultipartStream(in, B);
    List<Read> parts = new ArrayList<>();
    for (Part p = cut.next(); p != null; p = cut.next()) {
      parts.add(new Read(p.name(), p.filename(), p.contentType(), p.body().readAllBytes()));
    }
    return parts;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 77, 4096, 1 << 20})
  void partsComeOutExactlyWhateverTheNetworkDoes(int step) throws IOException {
    byte[] file = new byte[300_000];
    new Random(step).nextBytes(file);
    // bytes that look like the start of a delimiter must survive
    byte[] tricky = ascii("\r\n--" + B.substring(0, B.length() - 1) + "\r\n-\r\r\n--");
    System.arraycopy(tricky, 0, file, 1000, tricky.length);
    System.arraycopy(tricky, 0, file, file.length - tricky.length, tricky.length);
    List<Read> parts = readAll(trickle(body(file), step));
    assertEquals(2, parts.size());
    assertEquals("name", parts.get(0).name());
    assertEquals("holiday", new String(parts.get(0).body(), StandardCharsets.UTF_8));
    assertEquals("file", parts.get(1).name());
    assertEquals("a.bin", parts.get(1).filename());
    assertEquals("application/octet-stream", parts.get(1).contentType());
    assertArrayEquals(file, parts.get(1).body());
  }

  @Test
  void emptyFileAndPreambleAndEpilogue() throws IOException {
    byte[] data =
        ascii(
            "preamble to ignore\r\n--" + B + "\r\nContent-Disposition: form-data; name=file;"
                + " filename=empty.txt\r\n\r\n\r\n--" + B + "--\r\nepilogue");
    List<Read> parts = readAll(new ByteArrayInputStream(data));
    assertEquals(1, parts.size());
    assertEquals("empty.txt", parts.get(0).filename());
    assertEquals(0, parts.get(0).body().length);
  }

  @Test
  void unreadPartsAreSkipped() throws IOException {
    cut = new MultipartStream(new ByteArrayInputStream(body(new byte[100_000])), B);
    assertEquals("name", cut.next().name());
    assertEquals("file", cut.next().name());
    assertNull(cut.next());
    assertNull(cut.next());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhalf a file",
        "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"\r\n",
        "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nall\r\n--" + B,
        "--" + B,
        "",
        "no delimiter at all",
      })
  void aBodyThatEndsTooSoonIsAnErrorNotAShortFile(String data) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> readAll(new ByteArrayInputStream(ascii(data))));
    assertEquals(400, e.status());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--" + B + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + B + "--",
        "--" + B + "\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nx\r\n--" + B + "--",
        "--" + B + "\r\nno colon here\r\n\r\nx\r\n--" + B + "--",
        "--" + B + "junk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" + B + "--",
      })
  void malformedPartsAre400(String data) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> readAll(new ByteArrayInputStream(ascii(data))));
    assertEquals(400, e.status());
  }

  @Test
  void hugeHeadersAndTooManyPartsAndLongPreamblesAreRefused() {
    String longHeader =
        "--" + B + "\r\nContent-Disposition: form-data; name=\"" + "a".repeat(10_000) + "\"\r\n\r\nx\r\n--" + B + "--";
    String manyParts =
        ("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n").repeat(9) + "--" + B + "--";
    String preamble = "p".repeat(2000) + "\r\n--" + B + "--";
    for (String data : List.of(longHeader, manyParts, preamble)) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> readAll(new ByteArrayInputStream(ascii(data))));
      assertEquals(400, e.status());
    }
  }

  @Test
  void aClientThatGoesAwayIsAnIoError() {
    InputStream broken =
        new InputStream() {
          int sent;

          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (sent++ == 0) {
              byte[] start = ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc");
              System.arraycopy(start, 0, b, off, start.length);
              return start.length;
            }
            throw new IOException("connection reset");
          }
        };
    assertThrows(IOException.class, () -> readAll(broken));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "form-data; name=\"file\"; filename=\"a.png\" | file | a.png",
        "form-data; name=file; filename=a.png | file | a.png",
        "form-data; name=\"file\"; filename=\"say %22hi%22.txt\" | file | say \"hi\".txt",
        "form-data; name=\"file\"; filename=\"say \\\"hi\\\".txt\" | file | say \"hi\".txt",
        "form-data; name=\"file\"; filename=\"a;b=c.txt\" | file | a;b=c.txt",
        "form-data; name=\"file\"; filename=\"x.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt | file | € rates.txt",
        "FORM-DATA; NAME=\"file\"; FILENAME=\"../../etc/passwd\" | file | ../../etc/passwd",
      })
  void readsContentDisposition(String header, String name, String filename) {
    var params = MultipartStream.parameters(header);
    assertEquals("form-data", params.get(""));
    assertEquals(name, params.get("name"));
    String effective = params.get("filename*") != null ? params.get("filename*") : params.get("filename");
    assertEquals(filename, effective);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "multipart/form-data; boundary=abc | abc",
        "multipart/form-data; boundary=\"a b:c\" | a b:c",
        "Multipart/Form-Data;boundary=----WebKitFormBoundary7MA4YWxk; charset=utf-8 | ----WebKitFormBoundary7MA4YWxk",
      })
  void findsTheBoundary(String contentType, String boundary) {
    assertEquals(boundary, MultipartStream.boundary(contentType));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | 415",
        "application/json | 415",
        "multipart/mixed; boundary=abc | 415",
        "multipart/form-data | 400",
        "multipart/form-data; boundary= | 400",
        "multipart/form-data; boundary=\"ends with space \" | 400",
      })
  void refusesOtherTypesAndBadBoundaries(String contentType, int status) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> MultipartStream.boundary(contentType));
    assertEquals(status, e.status());
  }

  @Test
  void longBoundariesAreRefused() {
    assertThrows(
        ProblemException.class,
        () -> MultipartStream.boundary("multipart/form-data; boundary=" + "b".repeat(71)));
  }
}
