package io.vivace.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vivace.route.impl.Endpoints;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS (Fetch standard) on a real server, with exact origins, a pattern and credentials. */
class CorsTest {
  static final String APP = "https://app.example.com";
  static final AtomicInteger handlerCalls = new AtomicInteger();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      app.cors(new CorsOptions().origins(APP, "https://*.example.org", "http://localhost:*").credentials(true)
          .methods(List.of("GET", "PUT", "DELETE")).headers(List.of("Content-Type", "Authorization"))
          .exposedHeaders(List.of("ETag", "Link")).maxAgeSeconds(300));
      app.get("/items", () -> {
        handlerCalls.incrementAndGet();
        return "items";
      });
      app.put("/items", () -> {
        handlerCalls.incrementAndGet();
        return "put";
      });
      app.route(HttpMethod.OPTIONS, "/items", Endpoints.of(() -> {
        handlerCalls.incrementAndGet();
        return "own options";
      }));
      app.get("/items/:id", io.vivace.extract.Path.intValue("id"), id -> "item " + id);
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> send(String method, String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return server.send(b);
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void anAllowedPreflightIsAnsweredWithoutReachingAHandler() {
    int before = handlerCalls.get();
    HttpResponse<String> r = send("OPTIONS", "/items", "Origin", APP, "Access-Control-Request-Method", "PUT",
        "Access-Control-Request-Headers", "content-type,authorization");
    assertEquals(204, r.statusCode());
    assertEquals(APP, header(r, "Access-Control-Allow-Origin"));
    assertEquals("true", header(r, "Access-Control-Allow-Credentials"));
    assertEquals("GET, PUT, DELETE", header(r, "Access-Control-Allow-Methods"));
    assertEquals("Content-Type, Authorization", header(r, "Access-Control-Allow-Headers"));
    assertEquals("300", header(r, "Access-Control-Max-Age"));
    assertEquals(List.of("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"), r.headers().allValues("Vary"));
    assertEquals("", r.body());
    assertEquals(before, handlerCalls.get(), "no handler ran");
  }

  @Test
  void aPreflightForAnUnknownPathIsAnsweredToo() {
    HttpResponse<String> r = send("OPTIONS", "/nowhere", "Origin", APP, "Access-Control-Request-Method", "DELETE");
    assertEquals(204, r.statusCode());
    assertEquals(APP, header(r, "Access-Control-Allow-Origin"));
  }

  @Test
  void aPlainOptionsRequestStillReachesItsRoute() {
    int before = handlerCalls.get();
    HttpResponse<String> r = send("OPTIONS", "/items", "Origin", APP); // no Access-Control-Request-Method: not a preflight
    assertEquals(200, r.statusCode());
    assertEquals("own options", r.body());
    assertEquals(before + 1, handlerCalls.get());
    assertEquals(APP, header(r, "Access-Control-Allow-Origin"));
  }

  @Test
  void preflightsFromAnotherOriginOrForAnotherMethodOrHeaderAreRefusedWithoutCorsHeaders() {
    int before = handlerCalls.get();
    HttpResponse<String> origin = send("OPTIONS", "/items", "Origin", "https://evil.example.net",
        "Access-Control-Request-Method", "PUT");
    HttpResponse<String> method = send("OPTIONS", "/items", "Origin", APP, "Access-Control-Request-Method", "PATCH");
    HttpResponse<String> header = send("OPTIONS", "/items", "Origin", APP, "Access-Control-Request-Method", "PUT",
        "Access-Control-Request-Headers", "content-type,x-secret");
    for (HttpResponse<String> r : List.of(origin, method, header)) {
      assertEquals(403, r.statusCode());
      assertEquals("application/problem+json", header(r, "Content-Type"));
      assertFalse(r.headers().map().keySet().stream().anyMatch(h -> h.toLowerCase().startsWith("access-control-")),
          r.headers().map().toString());
      assertEquals(List.of("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"), r.headers().allValues("Vary"));
    }
    assertTrue(origin.body().contains("Origin is not allowed"), origin.body());
    assertTrue(method.body().contains("Access-Control-Request-Method is not allowed"), method.body());
    assertTrue(header.body().contains("Access-Control-Request-Headers is not allowed"), header.body());
    assertEquals(before, handlerCalls.get(), "no handler ran");
  }

  @Test
  void safelistedMethodsNeedNoListing() {
    HttpResponse<String> r = send("OPTIONS", "/items", "Origin", APP, "Access-Control-Request-Method", "POST");
    assertEquals(204, r.statusCode());
  }

  @Test
  void anActualRequestFromAnAllowedOriginGetsTheCorsHeaders() {
    HttpResponse<String> r = send("GET", "/items", "Origin", APP);
    assertEquals(200, r.statusCode());
    assertEquals("items", r.body());
    assertEquals(APP, header(r, "Access-Control-Allow-Origin"));
    assertEquals("true", header(r, "Access-Control-Allow-Credentials"));
    assertEquals("ETag, Link", header(r, "Access-Control-Expose-Headers"));
    assertEquals(List.of("Origin"), r.headers().allValues("Vary"));
  }

  @Test
  void aDisallowedOriginGetsNoCorsHeadersButVary() {
    for (String origin : List.of("https://evil.example.com", "http://app.example.com", "https://app.example.com.evil.net",
        "https://example.org", "https://a.example.org.evil.net", "https://evilexample.org", "http://localhost",
        "http://localhost:80a", "null")) {
      HttpResponse<String> r = send("GET", "/items", "Origin", origin);
      assertEquals(200, r.statusCode());
      assertEquals(null, header(r, "Access-Control-Allow-Origin"), origin);
      assertEquals(null, header(r, "Access-Control-Allow-Credentials"), origin);
      assertEquals(null, header(r, "Access-Control-Expose-Headers"), origin);
      assertEquals(List.of("Origin"), r.headers().allValues("Vary"), origin);
    }
  }

  @Test
  void aRequestWithoutOriginGetsVaryOnly() {
    HttpResponse<String> r = send("GET", "/items");
    assertEquals(null, header(r, "Access-Control-Allow-Origin"));
    assertEquals(List.of("Origin"), r.headers().allValues("Vary"));
  }

  @Test
  void patternsMatchSubdomainsAndPorts() {
    for (String origin : List.of("https://a.example.org", "https://a.b-c.example.org", "http://localhost:5173",
        "http://localhost:1")) {
      HttpResponse<String> r = send("GET", "/items", "Origin", origin);
      assertEquals(origin, header(r, "Access-Control-Allow-Origin"), origin);
    }
  }

  @Test
  void errorsCarryTheCorsHeadersToo() {
    HttpResponse<String> notFound = send("GET", "/nowhere", "Origin", APP);
    assertEquals(404, notFound.statusCode());
    assertEquals(APP, header(notFound, "Access-Control-Allow-Origin"));
    assertEquals(List.of("Origin"), notFound.headers().allValues("Vary"));
    HttpResponse<String> badParam = send("GET", "/items/abc", "Origin", APP);
    assertEquals(400, badParam.statusCode());
    assertEquals(APP, header(badParam, "Access-Control-Allow-Origin"));
    HttpResponse<String> notAllowed = send("DELETE", "/items", "Origin", APP);
    assertEquals(405, notAllowed.statusCode());
    assertEquals(APP, header(notAllowed, "Access-Control-Allow-Origin"));
  }
}
