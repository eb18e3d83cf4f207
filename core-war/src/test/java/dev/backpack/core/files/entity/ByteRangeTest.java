package dev.backpack.core.files.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backpack.core.files.entity.ByteRange.Partial;
import dev.backpack.core.files.entity.ByteRange.Unsatisfiable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

  @ParameterizedTest(name = "{0} of {1} bytes → {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | 100 | whole",
        "bytes=0-9 | 100 | 0-9",
        "bytes=10-19 | 100 | 10-19",
        "bytes=90- | 100 | 90-99",
        "bytes=95-200 | 100 | 95-99",
        "bytes=-10 | 100 | 90-99",
        "bytes=-500 | 100 | 0-99",
        "bytes=99-99 | 100 | 99-99",
        " bytes=0-0 | 1 | 0-0",
        "bytes=100- | 100 | 416",
        "bytes=100-200 | 100 | 416",
        "bytes=-0 | 100 | 416",
        "bytes=0- | 0 | 416",
        "bytes=-5 | 0 | 416",
        "bytes=5-1 | 100 | whole",
        "bytes=- | 100 | whole",
        "bytes=0-1,5-6 | 100 | whole",
        "items=0-1 | 100 | whole",
        "bytes=a-b | 100 | whole",
        "bytes=99999999999999999999- | 100 | whole",
        "bytes=0-99999999999999999 | 100 | 0-99",
      })
  void answers(String header, long size, String expected) {
    ByteRange.Answer answer = ByteRange.parse(header, size);
    String actual;
    if (answer instanceof Partial p) {
      actual = p.range().first() + "-" + p.range().last();
    } else {
      actual = answer instanceof Unsatisfiable ? "416" : "whole";
    }
    assertEquals(expected, actual);
  }

  @ParameterizedTest
  @CsvSource({"0, 9, 100, bytes 0-9/100, 10", "99, 99, 100, bytes 99-99/100, 1"})
  void describesItself(long first, long last, long size, String contentRange, long length) {
    ByteRange cut = new ByteRange(first, last, size);
    assertEquals(contentRange, cut.contentRange());
    assertEquals(length, cut.length());
  }
}
