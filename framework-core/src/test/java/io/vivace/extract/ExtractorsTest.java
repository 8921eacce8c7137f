package io.vivace.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExtractorsTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      app.get("/s/:name", Path.string("name"), name -> "name=" + name);
      app.get("/i/:id", Path.intValue("id"), id -> "id=" + (id + 1));
      app.get("/l/:id", Path.longValue("id"), id -> "id=" + id);
      app.get("/u/:id", Path.uuid("id"), id -> "uuid=" + id);
      app.get("/q", Query.intValue("limit").orElse(20), Query.string("sort").optional(), Query.bool("flag").orElse(false),
          (limit, sort, flag) -> "limit=" + limit + " sort=" + sort.orElse("-") + " flag=" + flag);
      app.get("/required", Query.doubleValue("x"), x -> "x=" + x);
      app.get("/checked", Query.intValue("n").check(n -> n > 0, "positive"), n -> "n=" + n);
      app.get("/header", Header.string("X-Api-Key"), Header.intValue("X-Count").orElse(1), (k, c) -> k + "*" + c);
      app.get("/cookie", Cookie.string("session"), s -> "session=" + s);
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertBadParameter(HttpResponse<String> r, String in, String name, String detail) {
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
    List<Map<String, Object>> errors = JsonTree.errors(r.body());
    assertEquals(1, errors.size(), r.body());
    assertEquals(name, errors.get(0).get("parameter"));
    assertEquals(in, errors.get(0).get("in"));
    assertEquals(detail, errors.get(0).get("detail"));
  }

  @Test
  void pathParameters() {
    assertEquals("name=Ana", server.get("/s/Ana").body());
    assertEquals("id=42", server.get("/i/41").body());
    assertEquals("id=9007199254740993", server.get("/l/9007199254740993").body());
    assertEquals("uuid=123e4567-e89b-12d3-a456-426614174000", server.get("/u/123e4567-e89b-12d3-a456-426614174000").body());
  }

  @Test
  void badPathParametersAre400sNamingThem() {
    assertBadParameter(server.get("/i/abc"), "path", "id", "must be an integer, got \"abc\"");
    assertBadParameter(server.get("/i/99999999999"), "path", "id", "must be an integer, got \"99999999999\"");
    assertBadParameter(server.get("/u/not-a-uuid"), "path", "id", "must be a UUID, got \"not-a-uuid\"");
  }

  @Test
  void queryParametersWithDefaultsAndOptionals() {
    assertEquals("limit=20 sort=- flag=false", server.get("/q").body());
    assertEquals("limit=5 sort=name flag=true", server.get("/q?limit=5&sort=name&flag=true").body());
    assertEquals("limit=20 sort=- flag=false", server.get("/q?limit=&sort=").body(), "empty counts as absent");
    assertEquals("x=2.5", server.get("/required?x=2.5").body());
  }

  @Test
  void badQueryParametersAre400sNamingThem() {
    assertBadParameter(server.get("/q?limit=ten"), "query", "limit", "must be an integer, got \"ten\"");
    assertBadParameter(server.get("/q?flag=yes"), "query", "flag", "must be true or false, got \"yes\"");
    assertBadParameter(server.get("/required"), "query", "x", "is required");
    assertBadParameter(server.get("/required?x=NaN"), "query", "x", "must be a number, got \"NaN\"");
    assertBadParameter(server.get("/checked?n=0"), "query", "n", "must be positive, got \"0\"");
    assertEquals("n=3", server.get("/checked?n=3").body());
  }

  @Test
  void headersAndCookies() {
    assertEquals("k*3", server.send(HttpRequest.newBuilder(server.uri("/header"))
        .header("x-api-key", "k").header("X-Count", "3")).body());
    assertBadParameter(server.get("/header"), "header", "X-Api-Key", "is required");
    assertBadParameter(server.send(HttpRequest.newBuilder(server.uri("/header")).header("X-Api-Key", "k")
        .header("X-Count", "many")), "header", "X-Count", "must be an integer, got \"many\"");
    assertEquals("session=s1", server.send(HttpRequest.newBuilder(server.uri("/cookie"))
        .header("Cookie", "theme=dark; session=s1")).body());
    assertBadParameter(server.get("/cookie"), "cookie", "session", "is required");
  }

  @Test
  void pathParametersCannotHaveDefaults() {
    assertThrows(IllegalStateException.class, () -> Path.intValue("id").orElse(1));
  }
}
