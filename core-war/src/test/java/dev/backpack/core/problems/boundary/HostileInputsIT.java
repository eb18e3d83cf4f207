package dev.backpack.core.problems.boundary;

import static dev.backpack.core.testing.Api.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Api.Reply;
import dev.backpack.core.testing.Deployments;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route against malformed, hostile and oversized input: each answer is the problem+json of
 * API.md with the right status, and afterwards the backpack holds exactly what it held before.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.backpack("hostile");
  }

  @ArquillianResource URL base;

  record Case(String what, int status, String method, String path, String contentType, byte[] body, String... headers) {

    static Case json(String what, int status, String method, String path, String body, String... headers) {
      return new Case(what, status, method, path, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }
  }

  static final String R = "/api/collections/guarded/records";

  static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  static String filter(String json) {
    return R + "?filter=" + enc(json);
  }

  static String cursor(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static List<Case> cases(String id) {
    String big = "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}";
    String record = R + "/" + id;
    List<Case> cases = new ArrayList<>(List.of(
        // routes and methods
        Case.json("unknown api route", 404, "GET", "/api/nope", null),
        Case.json("unknown route outside the api", 404, "GET", "/nope.html", null),
        Case.json("wrong method on collections", 405, "DELETE", "/api/collections", null),
        Case.json("wrong method on records", 405, "PUT", R, "{}"),
        // bodies
        Case.json("malformed json", 400, "POST", R, "{\"a\":"),
        Case.json("array body", 400, "POST", R, "[1,2]"),
        Case.json("string body", 400, "POST", R, "\"text\""),
        Case.json("null body", 400, "POST", R, "null"),
        Case.json("empty body", 400, "POST", R, ""),
        Case.json("trailing garbage", 400, "POST", R, "{\"a\":1} x"),
        new Case("invalid utf-8", 400, "POST", R, "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
        new Case("text/plain", 415, "POST", R, "text/plain", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
        new Case("no content type", 415, "POST", R, null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
        new Case("xml", 415, "PUT", record, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)),
        Case.json("body over 1 MiB", 413, "POST", R, big),
        Case.json("body over 1 MiB on replace", 413, "PUT", record, big),
        Case.json("$ field name", 400, "POST", R, "{\"$set\":{\"a\":1}}"),
        Case.json("dotted field name", 400, "POST", R, "{\"a.b\":1}"),
        Case.json("NUL in field name", 400, "POST", R, "{\"a\\u0000b\":1}"),
        Case.json("operator in nested object", 400, "POST", R, "{\"x\":{\"$gt\":1}}"),
        Case.json("operator in an array", 400, "POST", R, "{\"x\":[{\"$where\":\"1\"}]}"),
        Case.json("empty field name", 400, "POST", R, "{\"\":1}"),
        Case.json("duplicate field", 400, "POST", R, "{\"a\":1,\"a\":2}"),
        Case.json("nesting of 33", 400, "POST", R, nested(33)),
        Case.json("nesting of 33 by merge", 400, "PATCH", record, "{\"deep\":" + nested(32) + "}"),
        Case.json("$ field on merge", 400, "PATCH", record, "{\"$inc\":{\"n\":1}}"),
        Case.json("stale If-Match", 412, "PUT", record, "{\"a\":2}", "If-Match", "\"" + id + "-999\""),
        Case.json("stale If-Match on merge", 412, "PATCH", record, "{\"a\":2}", "If-Match", "\"nope\""),
        Case.json("stale If-Match on delete", 412, "DELETE", record, null, "If-Match", "\"nope\""),
        // ids
        Case.json("invalid id", 400, "GET", R + "/xyz", null),
        Case.json("invalid id on replace", 400, "PUT", R + "/xyz", "{\"a\":1}"),
        Case.json("invalid id on delete", 400, "DELETE", R + "/" + "g".repeat(24), null),
        Case.json("unknown id", 404, "GET", R + "/" + "a".repeat(24), null),
        Case.json("unknown id on merge", 404, "PATCH", R + "/" + "a".repeat(24), "{\"a\":1}"),
        // collection names
        Case.json("name starting with a digit", 400, "POST", "/api/collections/1abc/records", "{}"),
        Case.json("name of 65 characters", 400, "POST", "/api/collections/" + "a".repeat(65) + "/records", "{}"),
        Case.json("reserved users", 400, "POST", "/api/collections/users/records", "{}"),
        Case.json("reserved Files", 400, "GET", "/api/collections/Files/records", null),
        Case.json("reserved sessions", 400, "GET", "/api/collections/sessions", null),
        Case.json("NUL in name", 400, "POST", "/api/collections/" + enc("a\u0001b") + "/records", "{}"),
        Case.json("dot in name", 400, "POST", "/api/collections/system.profile/records", "{}"),
        Case.json("create without name", 400, "POST", "/api/collections", "{}"),
        Case.json("create with numeric name", 400, "POST", "/api/collections", "{\"name\":5}"),
        Case.json("create reserved", 400, "POST", "/api/collections", "{\"name\":\"users\"}"),
        Case.json("create with unknown field", 400, "POST", "/api/collections", "{\"name\":\"x1\",\"owner\":\"me\"}"),
        Case.json("create with bad rule", 400, "POST", "/api/collections", "{\"name\":\"x2\",\"rules\":{\"read\":\"anyone\"}}"),
        Case.json("create with unknown action", 400, "POST", "/api/collections", "{\"name\":\"x3\",\"rules\":{\"drop\":\"public\"}}"),
        Case.json("create with rules not an object", 400, "POST", "/api/collections", "{\"name\":\"x4\",\"rules\":\"public\"}"),
        Case.json("create existing", 409, "POST", "/api/collections", "{\"name\":\"GUARDED\"}"),
        Case.json("delete without admin key", 401, "DELETE", "/api/collections/guarded", null),
        Case.json("rules without admin key", 401, "PATCH", "/api/collections/guarded", "{\"rules\":{\"read\":\"public\"}}"),
        Case.json("unknown collection", 404, "GET", "/api/collections/missing/records", null),
        // filters
        Case.json("$where", 400, "GET", filter("{\"$where\":\"sleep(1000)\"}"), null),
        Case.json("$expr", 400, "GET", filter("{\"$expr\":{\"$gt\":[\"$a\",1]}}"), null),
        Case.json("$function", 400, "GET", filter("{\"a\":{\"$function\":{\"body\":\"x\"}}}"), null),
        Case.json("$accumulator", 400, "GET", filter("{\"$accumulator\":{}}"), null),
        Case.json("unknown $x", 400, "GET", filter("{\"a\":{\"$x\":1}}"), null),
        Case.json("$gt at the top", 400, "GET", filter("{\"$gt\":1}"), null),
        Case.json("$and at field level", 400, "GET", filter("{\"a\":{\"$and\":[{\"b\":1}]}}"), null),
        Case.json("$or empty", 400, "GET", filter("{\"$or\":[]}"), null),
        Case.json("$or not an array", 400, "GET", filter("{\"$or\":{\"a\":1}}"), null),
        Case.json("$in not an array", 400, "GET", filter("{\"a\":{\"$in\":1}}"), null),
        Case.json("$exists not boolean", 400, "GET", filter("{\"a\":{\"$exists\":1}}"), null),
        Case.json("$regex not a string", 400, "GET", filter("{\"a\":{\"$regex\":1}}"), null),
        Case.json("$options alone", 400, "GET", filter("{\"a\":{\"$options\":\"i\"}}"), null),
        Case.json("bad $options", 400, "GET", filter("{\"a\":{\"$regex\":\"x\",\"$options\":\"e\"}}"), null),
        Case.json("catastrophic regex", 400, "GET", filter("{\"a\":{\"$regex\":\"^(a+)+$\"}}"), null),
        Case.json("back-reference", 400, "GET", filter("{\"a\":{\"$regex\":\"(a)\\\\1\"}}"), null),
        Case.json("regex too long", 400, "GET", filter("{\"a\":{\"$regex\":\"" + "a".repeat(300) + "\"}}"), null),
        Case.json("invalid regex", 400, "GET", filter("{\"a\":{\"$regex\":\"(\"}}"), null),
        Case.json("operator hidden in a literal", 400, "GET", filter("{\"a\":{\"$eq\":{\"$gt\":1}}}"), null),
        Case.json("operators mixed with fields", 400, "GET", filter("{\"a\":{\"$gt\":1,\"b\":2}}"), null),
        Case.json("$ in a path", 400, "GET", filter("{\"a.$b\":1}"), null),
        Case.json("empty path segment", 400, "GET", filter("{\"a..b\":1}"), null),
        Case.json("malformed filter", 400, "GET", R + "?filter=%7B", null),
        Case.json("filter not an object", 400, "GET", filter("[1]"), null),
        Case.json("$gt with an object", 400, "GET", filter("{\"a\":{\"$gt\":{}}}"), null),
        Case.json("date filter not a date", 400, "GET", filter("{\"createdAt\":{\"$gt\":\"yesterday\"}}"), null),
        Case.json("$not with a value", 400, "GET", filter("{\"a\":{\"$not\":5}}"), null),
        // sort, limit, cursor, count
        Case.json("sort by $field", 400, "GET", R + "?sort=" + enc("$natural"), null),
        Case.json("empty sort field", 400, "GET", R + "?sort=" + enc("a,,b"), null),
        Case.json("sort twice by one field", 400, "GET", R + "?sort=" + enc("a,-a"), null),
        Case.json("too many sort fields", 400, "GET", R + "?sort=a,b,c,d,e,f,g,h,i", null),
        Case.json("limit 0", 400, "GET", R + "?limit=0", null),
        Case.json("limit 1001", 400, "GET", R + "?limit=1001", null),
        Case.json("limit not a number", 400, "GET", R + "?limit=ten", null),
        Case.json("count not boolean", 400, "GET", R + "?count=yes", null),
        Case.json("garbage cursor", 400, "GET", R + "?after=" + enc("%%%"), null),
        Case.json("cursor of random base64", 400, "GET", R + "?after=" + cursor("hello"), null),
        Case.json("cursor smuggling an operator", 400, "GET", R + "?after=" + cursor("{\"s\":\"-createdAt,-_id,\",\"k\":[{\"$where\":\"1\"},\"x\"]}"), null)));
    return cases;
  }

  @Test
  void everyHostileRequestGetsAProblemAndWritesNothing() {
    Api api = new Api(base).newUser("hostile@example.com");
    Reply seeded = api.post(R, "{\"a\":1,\"text\":\"keep me\"}");
    assertEquals(201, seeded.status(), seeded::body);
    JsonObject original = seeded.json();
    String id = original.getString("id");
    List<String> failures = new ArrayList<>();
    for (Case c : cases(id)) {
      try {
        api.sendBytes(c.method(), c.path(), c.contentType(), c.body(), c.headers()).problem(c.status());
      } catch (AssertionError | RuntimeException e) {
        failures.add(c.what() + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), failures);

    assertEquals(List.of(original), api.all("guarded", ""), "the seeded record is unchanged and alone");
    List<String> names = api.get("/api/collections").jsonArray().stream()
        .map(v -> v.asJsonObject().getString("name")).toList();
    assertEquals(List.of("guarded"), names, "no collection was created by a rejected request");
  }

  @Test
  void anEncodedNulInThePathIsRefusedByTheHttpLayerWithoutLeakingAnything() {
    // the HTTP server rejects %00 in a path before any application code runs: a bare 400
    Reply reply = new Api(base).post("/api/collections/a%00b/records", "{}");
    assertEquals(400, reply.status());
    assertEquals(false, reply.body().contains("Exception"));
    new Api(base).asAdmin().get("/api/collections/a").problem(404);
  }

  @Test
  void anOversizedChunkedBodyIsCutOffAt413() {
    Api api = new Api(base).newUser("chunked@example.com");
    Reply reply = api.sendChunked("POST", "/api/collections/chunked/records", "application/json",
        Stream.concat(Stream.of("{\"x\":\""), Stream.generate(() -> "a".repeat(64 * 1024)).limit(40)).toList());
    reply.problem(413);
    api.get("/api/collections/chunked").problem(404);
  }
}
