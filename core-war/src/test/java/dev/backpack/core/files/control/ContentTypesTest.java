package dev.backpack.core.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

  /** Leading bytes written as hex, or as text after "txt:". */
  static byte[] bytes(String spec) {
    if (spec == null) {
      return new byte[0];
    }
    if (spec.startsWith("txt:")) {
      return spec.substring(4).getBytes(StandardCharsets.ISO_8859_1);
    }
    return HexFormat.of().parseHex(spec.replace(" ", ""));
  }

  @ParameterizedTest(name = "{0} claimed {1} → {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        // detected formats win over a wrong or missing claim
        "89504E470D0A1A0A0000 | image/jpeg | image/png",
        "89504E470D0A1A0A0000 | NULL | image/png",
        "FFD8FFE000104A464946 | application/octet-stream | image/jpeg",
        "FFD8FFE000104A464946 | image/pjpeg | image/pjpeg",
        "txt:GIF89a.......... | image/png | image/gif",
        "txt:RIFF....WEBPVP8  | image/png | image/webp",
        "txt:RIFF....WAVEfmt  | audio/x-wav | audio/x-wav",
        "txt:%PDF-1.7 ....... | text/html | application/pdf",
        "504B0304140000000800 | application/vnd.openxmlformats-officedocument.wordprocessingml.document | application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "504B0304140000000800 | text/html | application/zip",
        "504B0304140000000800 | application/x-zip-compressed | application/x-zip-compressed",
        "txt:....ftypisom.... | video/mp4 | video/mp4",
        "txt:....ftypM4A .... | audio/mp4 | audio/mp4",
        "txt:....ftypqt  .... | NULL | video/quicktime",
        "txt:....ftypavif.... | image/png | image/avif",
        "txt:....ftypheic.... | image/heic | image/heic",
        "1A45DFA3A34286810142F7810142F281044282847765626D | video/webm | video/webm",
        "1A45DFA3A34286810142F7810142F281044282847765626D | audio/webm | audio/webm",
        "txt:OggS.......... | audio/opus | audio/opus",
        "txt:ID3........... | audio/mp3 | audio/mp3",
        "txt:fLaC.......... | NULL | audio/flac",
        "1F8B0800000000000000 | application/x-gzip | application/x-gzip",
        "7F454C46020101000000 | image/png | application/x-executable",
        // no recognised format: the claim is kept unless it is a type we could have recognised
        "txt:hello world | text/plain | text/plain",
        "txt:hello world | TEXT/Plain; Charset=UTF-8 | text/plain; charset=utf-8",
        "txt:hello world | text/plain; charset=\"utf-8\"; format=flowed | text/plain; charset=utf-8",
        "txt:hello world | application/json; charset=utf-8 | application/json",
        "txt:<html><script>alert(1)</script> | text/html | text/html",
        "txt:<svg xmlns='http://www.w3.org/2000/svg'/> | image/svg+xml | image/svg+xml",
        "txt:<html><script>alert(1)</script> | image/png | application/octet-stream",
        "txt:not really a pdf | application/pdf | application/octet-stream",
        "txt:MZ is a text here | text/plain | text/plain",
        "txt:hello | NULL | application/octet-stream",
        "txt:hello | garbage | application/octet-stream",
        "txt:hello | text/ plain | application/octet-stream",
        "txt:hello | text/plain/x | application/octet-stream",
        "NULL | text/plain | text/plain",
        "NULL | NULL | application/octet-stream",
      })
  void decides(String head, String claimed, String expected) {
    byte[] bytes = bytes(head);
    assertEquals(expected, ContentTypes.decide(claimed, bytes, bytes.length));
  }

  @ParameterizedTest
  @CsvSource({
    "image/png, true",
    "image/jpeg, true",
    "video/mp4, true",
    "audio/mpeg, true",
    "application/pdf, true",
    "text/plain; charset=utf-8, true",
    "image/svg+xml, false",
    "text/html, false",
    "application/xhtml+xml, false",
    "text/xml, false",
    "application/xml, false",
    "text/javascript, false",
    "application/javascript, false",
    "text/css, false",
    "application/octet-stream, false",
    "application/zip, false",
  })
  void onlyHarmlessTypesAreShownInline(String type, boolean inline) {
    assertEquals(inline, ContentTypes.inline(type));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "image/png | */* | true",
        "image/png | image/* | true",
        "image/png | application/pdf,image/* | true",
        "application/pdf | application/pdf,image/* | true",
        "text/plain; charset=utf-8 | text/plain | true",
        "text/html | image/*,application/pdf | false",
        "imagex/png | image/* | false",
      })
  void allowsByPattern(String type, String patterns, boolean allowed) {
    assertEquals(allowed, ContentTypes.allowed(type, List.of(patterns.split(","))));
  }
}
