package dev.backpack.core.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backpack.core.problems.entity.ProblemException;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFilterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1}                              | {\"data.a\": {\"$eq\": 1}}",
        "{\"id\":\"x\"}                         | {\"_id\": {\"$eq\": \"x\"}}",
        "{\"owner\":\"u\"}                      | {\"owner\": {\"$eq\": \"u\"}}",
        "{\"a.b\":{\"$gt\":2,\"$lt\":5}}        | {\"data.a.b\": {\"$gt\": 2, \"$lt\": 5}}",
        "{\"$or\":[{\"a\":1},{\"b\":{\"$in\":[1,2]}}]} | {\"$or\": [{\"data.a\": {\"$eq\": 1}}, {\"data.b\": {\"$in\": [1, 2]}}]}",
        "{\"$not\":{\"a\":1}}                   | {\"$nor\": [{\"data.a\": {\"$eq\": 1}}]}",
        "{\"a\":{\"$not\":{\"$regex\":\"x\"}}}  | {\"data.a\": {\"$not\": {\"$regex\": \"x\"}}}",
        "{\"a\":{\"b\":1}}                      | {\"data.a\": {\"$eq\": {\"b\": 1}}}",
      })
  void translatesToStoredPaths(String filter, String expected) {
    assertEquals(Document.parse(expected).toJson(), RecordFilter.parse(filter).toJson());
  }

  @org.junit.jupiter.api.Test
  void datesOfServerFieldsBecomeDates() {
    Document query = RecordFilter.parse("{\"createdAt\":{\"$gte\":\"2026-01-01T00:00:00Z\"}}");
    assertEquals(
        Date.from(java.time.Instant.parse("2026-01-01T00:00:00Z")),
        query.get("createdAt", Document.class).get("$gte"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"$where\":\"1\"}",
        "{\"a\":{\"$expr\":1}}",
        "{\"a\":{\"$elemMatch\":{\"b\":1}}}",
        "{\"$nor\":[{\"a\":1}]}",
        "{\"a\":{\"$eq\":{\"$ne\":1}}}",
        "{\"a\":{\"$in\":[{\"$gt\":1}]}}",
        "{\"a\":{\"$regex\":\"(x*)*\"}}",
        "{\"$text\":{\"$search\":\"x\"}}",
        "{\"a\":{\"$size\":1}}",
        "{\"a\":{\"$type\":\"string\"}}",
        "{\"_id\":{\"$gt\":\"\"}}"
      })
  void rejectsEverythingOutsideTheWhitelist(String filter) {
    if (filter.startsWith("{\"_id\"")) {
      // "_id" is a client field under data, never the stored id
      assertEquals("data._id", RecordFilter.parse(filter).keySet().iterator().next());
      return;
    }
    ProblemException problem = assertThrows(ProblemException.class, () -> RecordFilter.parse(filter));
    assertEquals(400, problem.status());
  }
}
