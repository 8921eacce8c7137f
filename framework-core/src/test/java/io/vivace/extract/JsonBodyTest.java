package io.vivace.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vivace.Vivace;
import io.vivace.response.Response;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
  @CompiledJson
  public record Order(String item, Integer quantity, Double price, List<String> tags) implements Validatable {
    @Override
    public void validate(Validation v) {
      v.notBlank("item", item).required("quantity", quantity).range("quantity", quantity, 1, 99).required("price", price);
    }
  }

  /** Rejects unknown members, and needs {@code count}: a missing primitive is not silently 0. */
  @CompiledJson(onUnknown = CompiledJson.Behavior.FAIL)
  public record Strict(String name, @com.dslplatform.json.JsonAttribute(mandatory = true) int count) {
  }

  /** Not annotated: no converter exists. */
  public record Untyped(String a) {
  }

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      app.post("/orders", Body.json(Order.class), o -> Response.created(o));
      app.post("/strict", Body.json(Strict.class), o -> Response.created(o));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, String> pointers(HttpResponse<String> r) {
    Map<String, String> byPointer = new java.util.LinkedHashMap<>();
    for (Map<String, Object> e : JsonTree.errors(r.body())) {
      byPointer.put((String) e.get("pointer"), (String) e.get("detail"));
    }
    return byPointer;
  }

  @Test
  void unknownMembersAreIgnoredByDefault() {
    HttpResponse<String> r = server.postJson("/orders", "{\"item\":\"tea\",\"quantity\":2,\"price\":3.5,\"extra\":1}");
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void aStrictTypeNamesUnknownAndMissingMembersIn422() {
    assertEquals(201, server.postJson("/strict", "{\"name\":\"a\",\"count\":0}").statusCode());
    HttpResponse<String> unknown = server.postJson("/strict", "{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}");
    assertEquals(422, unknown.statusCode(), unknown.body());
    assertEquals(Map.of("#/colour", "is not a known member"), pointers(unknown));
    HttpResponse<String> missing = server.postJson("/strict", "{\"name\":\"a\"}");
    assertEquals(422, missing.statusCode(), missing.body());
    assertEquals(Map.of("#/count", "is required"), pointers(missing));
  }

  @Test
  void aValidBodyIsParsedAndEchoed() {
    HttpResponse<String> r = server.postJson("/orders", "{\"item\":\"tea\",\"quantity\":2,\"price\":3.5,\"tags\":[\"hot\"]}");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("{\"item\":\"tea\",\"quantity\":2,\"price\":3.5,\"tags\":[\"hot\"]}", r.body());
  }

  @Test
  void mediaTypesWithParametersAndJsonSuffixesAreAccepted() {
    String body = "{\"item\":\"tea\",\"quantity\":1,\"price\":1}";
    assertEquals(201, server.send("POST", "/orders", "application/json; charset=utf-8", body).statusCode());
    assertEquals(201, server.send("POST", "/orders", "application/vnd.shop+json", body).statusCode());
  }

  @Test
  void otherContentTypesAre415() {
    HttpResponse<String> r = server.send("POST", "/orders", "text/plain", "{}");
    assertEquals(415, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
    assertEquals(415L, JsonTree.object(r.body()).get("status"));
    assertEquals(415, server.send("POST", "/orders", null, "{}").statusCode());
  }

  @Test
  void malformedJsonIs400WithThePosition() {
    for (String bad : new String[] {"{\"item\":", "{item: 1}", "{\"item\":\"a\"} trailing", "[1,,2]"}) {
      HttpResponse<String> r = server.postJson("/orders", bad);
      assertEquals(400, r.statusCode(), bad);
      assertTrue(((String) JsonTree.object(r.body()).get("detail")).startsWith("Malformed JSON"), r.body());
    }
  }

  @Test
  void anEmptyBodyIs400() {
    HttpResponse<String> r = server.postJson("/orders", "");
    assertEquals(400, r.statusCode());
    assertEquals(Map.of("#", "is required"), pointers(r));
  }

  @Test
  void everyWrongTypeIsListedWithItsPointer() {
    HttpResponse<String> r = server.postJson("/orders", "{\"item\":5,\"quantity\":\"two\",\"price\":true,\"tags\":\"x\"}");
    assertEquals(422, r.statusCode(), r.body());
    Map<String, String> errors = pointers(r);
    assertEquals(List.of("#/item", "#/quantity", "#/price", "#/tags"), List.copyOf(errors.keySet()), r.body());
    errors.values().forEach(d -> assertTrue(d.startsWith("has the wrong type"), d));
    assertTrue(!r.body().contains("Exception") && !r.body().contains("io.vivace"), "no internals: " + r.body());
  }

  @Test
  void everyValidationFailureIsListed() {
    HttpResponse<String> r = server.postJson("/orders", "{\"item\":\"  \",\"quantity\":500}");
    assertEquals(422, r.statusCode(), r.body());
    assertEquals(Map.of("#/item", "must not be blank", "#/quantity", "must be between 1 and 99, was 500",
        "#/price", "is required"), pointers(r));
  }

  @Test
  void nullOrANonObjectIs422AtTheRoot() {
    assertEquals(Map.of("#", "must be a JSON object, not null"), pointers(server.postJson("/orders", "null")));
    assertEquals(Map.of("#", "must be a JSON object"), pointers(server.postJson("/orders", "[1,2]")));
  }

  @Test
  void aBodyTypeWithoutConverterFailsAtRegistration() {
    var app = Vivace.app(TestServer.options());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> app.post("/x", Body.json(Untyped.class), u -> u));
    assertTrue(e.getMessage().contains(Untyped.class.getName()), e.getMessage());
  }
}
