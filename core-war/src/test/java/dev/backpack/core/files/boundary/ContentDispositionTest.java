package dev.backpack.core.files.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentDispositionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "report.pdf | inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
        "Grüße.txt | attachment; filename=\"Gr__e.txt\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt",
        "a \"b\";c%d\\e.txt | attachment; filename=\"a _b__c_d_e.txt\"; filename*=UTF-8''a%20%22b%22%3Bc%25d%5Ce.txt",
        "日本.png | inline; filename=\"__.png\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png",
      })
  void encodesTheNameSafely(String name, String expected) {
    String type = expected.substring(0, expected.indexOf(';'));
    String header = ContentDisposition.of(type, name);
    assertEquals(expected, header);
    String encoded = header.substring(header.indexOf("UTF-8''") + 7);
    assertEquals(name, URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
  }
}
