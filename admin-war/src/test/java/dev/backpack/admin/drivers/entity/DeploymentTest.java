package dev.backpack.admin.drivers.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeploymentTest {

  Deployment cut = Deployment.DEFAULT;

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  @Test
  void aChangeSetsOnlyWhatItNames() {
    Deployment two = cut.with(json("{'replicas': 2}"));
    assertEquals(2, two.replicas());
    assertEquals(Map.of(), two.limits());
    Deployment limited = two.with(json("{'limits': {'core': {'cpus': 0.5, 'memoryMb': 512}}}"));
    assertEquals(2, limited.replicas());
    assertEquals(new Deployment.Limits(0.5, 512), limited.limitsOf("core"));
    assertEquals(Deployment.Limits.NONE, limited.limitsOf("database"));
    Deployment cleared = limited.with(json("{'limits': {'core': null}}"));
    assertEquals(Deployment.Limits.NONE, cleared.limitsOf("core"));
  }

  @Test
  void mongoIsTheEarlierNameOfTheDatabaseService() {
    Deployment limited = cut.with(json("{'limits': {'mongo': {'memoryMb': 256}}}"));
    assertEquals(new Deployment.Limits(null, 256), limited.limitsOf("database"));
    assertEquals(new Deployment.Limits(null, 256), limited.limitsOf("mongo"));
    assertEquals(Map.of("database", new Deployment.Limits(null, 256)), limited.limits());
    assertEquals("{\"replicas\":1,\"limits\":{\"database\":{\"cpus\":null,\"memoryMb\":256}}}", limited.toJson().toString());
    // a registry row written before the rename reads as database
    assertEquals(limited, Deployment.fromJson(json("{'replicas': 1, 'limits': {'mongo': {'cpus': null, 'memoryMb': 256}}}")));
    assertEquals(Deployment.Limits.NONE, limited.with(json("{'limits': {'database': null}}")).limitsOf("mongo"));
  }

  @Test
  void itSurvivesTheRegistrysJson() {
    Deployment deployment = cut.with(json("{'replicas': 3, 'limits': {'redis': {'memoryMb': 64}, 'core': {'cpus': 1.25}}}"));
    assertEquals(deployment, Deployment.fromJson(json(deployment.toJson().toString())));
    assertEquals(Deployment.DEFAULT, Deployment.fromJson(json("{}")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'replicas': 0}|replicas|must be from 1 to 20",
        "{'replicas': 21}|replicas|must be from 1 to 20",
        "{'replicas': 1.5}|replicas|must be a whole number",
        "{'replicas': '2'}|replicas|must be a whole number",
        "{'replicas': 99999999999}|replicas|is out of range",
        "{'size': 2}|size|unknown field 'size'",
        "{'limits': []}|limits|must be an object",
        "{'limits': {'web': {'cpus': 1}}}|limits.web|unknown service 'web'",
        "{'limits': {'core': 1}}|limits.core|must be an object",
        "{'limits': {'core': {'cpus': 0}}}|limits.core.cpus|must be from 0.05 to 64",
        "{'limits': {'mongo': {'cpus': 65}}}|limits.mongo.cpus|must be from 0.05 to 64",
        "{'limits': {'database': {'cpus': 65}}}|limits.database.cpus|must be from 0.05 to 64",
        "{'limits': {'postgres': {'cpus': 1}}}|limits.postgres|unknown service 'postgres' (core, database, redis)",
        "{'limits': {'core': {'cpus': 'two'}}}|limits.core.cpus|must be a number",
        "{'limits': {'redis': {'memoryMb': 8}}}|limits.redis.memoryMb|must be from 16 to 262144",
        "{'limits': {'core': {'memoryMb': 100.5}}}|limits.core.memoryMb|must be a whole number",
        "{'limits': {'core': {'disk': 1}}}|limits.core.disk|unknown field 'disk'",
      })
  void invalidChangesAreRefusedNamingTheField(String change, String field, String reason) {
    Deployment.Invalid refused = assertThrows(Deployment.Invalid.class, () -> cut.with(json(change)));
    assertEquals(field, refused.field());
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }
}
