package dev.backpack.admin.operations.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationTest {

  UUID id = UUID.fromString("00000000-0000-0000-0000-000000000007");
  Operation cut =
      new Operation(id, Operation.Kind.CREATE, "shop", null, null, Operation.State.RUNNING, null, Instant.parse("2026-01-01T00:00:00Z"), null, List.of(new Step(1, Instant.parse("2026-01-01T00:00:01Z"), "Writing configuration")));

  @Test
  void aRunningOperationShowsItsStepsAndWhereToFollowIt() {
    JsonObject json = cut.toJson(true);

    assertEquals("create", json.getString("kind"));
    assertEquals("running", json.getString("state"));
    assertTrue(json.isNull("error"));
    assertTrue(json.isNull("finishedAt"));
    assertEquals("Writing configuration", json.getJsonArray("steps").getJsonObject(0).getString("message"));
    assertEquals(1, json.getJsonArray("steps").getJsonObject(0).getInt("seq"));
    assertEquals("/admin/api/operations/" + id + "/events", json.getJsonObject("links").getString("events"));
    assertFalse(cut.finished());
  }

  @Test
  void listsLeaveTheStepsOut() {
    assertFalse(cut.toJson(false).containsKey("steps"));
  }
}
