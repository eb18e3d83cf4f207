package dev.backpack.core.records.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class SortingTest {

  @Test
  void defaultIsNewestFirstWithIdTieBreak() {
    Sorting cut = Sorting.parse(null);
    assertEquals(List.of("createdAt", "_id"), cut.paths());
    assertEquals(List.of(-1, -1), cut.directions());
  }

  @Test
  void clientFieldsLiveUnderData() {
    Sorting cut = Sorting.parse("title,-updatedAt");
    assertEquals(List.of("data.title", "updatedAt", "_id"), cut.paths());
    assertEquals(List.of(1, -1, -1), cut.directions());
  }

  @Test
  void afterAKeyWithNullsKeepsMissingValuesInTheirPlace() {
    Sorting cut = Sorting.parse("-n");
    Document after = cut.after(Arrays.asList(null, "abc"));
    // descending: after a null only records with the same null and a smaller id remain
    assertEquals(
        Document.parse("{\"$or\": [{\"$and\": [{\"data.n\": null}, {\"_id\": {\"$lt\": \"abc\"}}]}]}").toJson(),
        after.toJson());
  }

  @Test
  void cursorRoundTripsAndIsBoundToItsSort() {
    Sorting cut = Sorting.parse("title");
    String cursor = Cursors.encode(cut, Arrays.asList("b", "0123456789abcdef01234567"));
    assertEquals(List.of("b", "0123456789abcdef01234567"), Cursors.decode(cut, cursor));
    org.junit.jupiter.api.Assertions.assertThrows(
        dev.backpack.core.problems.entity.ProblemException.class,
        () -> Cursors.decode(Sorting.parse("-title"), cursor));
  }
}
