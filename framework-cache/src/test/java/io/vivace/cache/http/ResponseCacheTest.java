package io.vivace.cache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vivace.cache.Item;
import io.vivace.extract.Query;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole responses cached per path and named query parameters, with ETag and 304. */
class ResponseCacheTest {
  static final AtomicInteger calls = new AtomicInteger();
  static final ResponseCache TOP = ResponseCache.create("top", Duration.ofMinutes(1), "limit");
  static final ResponseCache BYTES = ResponseCache.create("bytes", Duration.ofMinutes(1));
  static final ResponseCache MADE = ResponseCache.create("made", Duration.ofMinutes(1));
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      // tag::response-cache[]
      app.get("/top", TOP.key(), Query.intValue("limit").orElse(2), (key, limit) -> TOP.get(key, () -> {
        calls.incrementAndGet();
        return Future.succeededFuture(List.of(new Item(limit, "call " + calls.get())));
      }));
      // end::response-cache[]
      app.get("/bytes", BYTES.key(), key -> BYTES.get(key, () -> Future.succeededFuture(io.vertx.core.buffer.Buffer.buffer("raw"))));
      app.get("/made", MADE.key(), key -> MADE.get(key, () -> Future.succeededFuture(
          io.vivace.response.Response.status(203).header("X-Made", "yes").body("made"))));
      app.get("/none", TOP.key(), key -> TOP.get(key, () -> Future.succeededFuture(null)));
      app.get("/broken", TOP.key(), key -> TOP.get(key, () -> {
        calls.incrementAndGet();
        return Future.failedFuture(new IllegalStateException("down"));
      }));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void responsesAreCachedByPathAndNamedParameters() {
    calls.set(0);
    HttpResponse<String> first = server.get("/top?limit=3&utm=a");
    assertEquals(200, first.statusCode());
    assertEquals("[{\"id\":3,\"name\":\"call 1\"}]", first.body());
    assertEquals("application/json", first.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(first.body(), server.get("/top?utm=b&limit=3").body(), "other parameters do not split the cache");
    assertEquals(1, calls.get());
    assertEquals("[{\"id\":5,\"name\":\"call 2\"}]", server.get("/top?limit=5").body());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> notModified = server.send(HttpRequest.newBuilder(server.uri("/top?limit=3")).header("If-None-Match", etag));
    assertEquals(304, notModified.statusCode());
    assertEquals("", notModified.body());
    assertEquals(2, calls.get());
    assertEquals(2, TOP.stats().l1().hits());
  }

  @Test
  void withCompressionTheCodedTagOfACachedAnswerValidatesIt() {
    ResponseCache big = ResponseCache.create("big", Duration.ofMinutes(1));
    try (TestServer compressed = TestServer.start(app -> {
      app.compression(new io.vivace.compression.CompressionOptions().enabled(true).minSizeBytes(64));
      app.get("/big", big.key(), key -> big.get(key, () -> Future.succeededFuture("cached ".repeat(100))));
    })) {
      String identity = compressed.get("/big").headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> gz = compressed.send(HttpRequest.newBuilder(compressed.uri("/big")).header("Accept-Encoding", "gzip"));
      assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElseThrow());
      String coded = gz.headers().firstValue("ETag").orElseThrow();
      assertEquals(identity.substring(0, identity.length() - 1) + "-gzip\"", coded, "the compressed answer's own tag");
      for (String listed : new String[] {coded, identity}) {
        HttpResponse<String> r = compressed.send(HttpRequest.newBuilder(compressed.uri("/big"))
            .header("Accept-Encoding", "gzip").header("If-None-Match", listed));
        assertEquals(304, r.statusCode(), listed);
        assertEquals(listed, r.headers().firstValue("ETag").orElseThrow(), "the form the client holds");
      }
    }
  }

  @Test
  void cachedBodiesFollowTheRenderRulesOfHandlerResults() {
    for (int i = 0; i < 2; i++) { // the load, then the cached copy
      HttpResponse<String> bytes = server.get("/bytes");
      assertEquals("application/octet-stream", bytes.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("raw", bytes.body());
      HttpResponse<String> made = server.get("/made");
      assertEquals(203, made.statusCode(), "a Response keeps its status");
      assertEquals("yes", made.headers().firstValue("X-Made").orElseThrow(), "and its headers");
      assertEquals("text/plain; charset=utf-8", made.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("made", made.body());
    }
  }

  @Test
  void decodedValuesAreEncodedInTheKeySoQueriesDoNotCollide() {
    AtomicInteger n = new AtomicInteger();
    ResponseCache two = ResponseCache.create("two", Duration.ofMinutes(1), "a", "b");
    try (TestServer s = TestServer.start(app -> app.get("/q", two.key(), key -> two.get(key,
        () -> Future.succeededFuture(key.value() + " #" + n.incrementAndGet()))))) {
      assertEquals("/q?a=1&b=2 #1", s.get("/q?a=1&b=2").body());
      assertEquals("/q?a=1%26b%3d2 #2", s.get("/q?a=1%26b%3D2").body(), "one parameter a = \"1&b=2\"");
      assertEquals("/q?a=1%26b%3d2 #2", s.get("/q?a=1%26b%3D2").body());
      assertEquals("/q?a=%25 #3", s.get("/q?a=%25").body());
      assertEquals("/q?a=%c3%a9%20x #4", s.get("/q?a=%C3%A9%20x").body());
      assertEquals("/q?a=1&b=2 #1", s.get("/q?b=2&a=1").body());
    }
  }

  @Test
  void notFoundAndFailuresAreNotCached() {
    assertEquals(404, server.get("/none").statusCode());
    calls.set(0);
    assertEquals(500, server.get("/broken").statusCode());
    assertEquals(500, server.get("/broken").statusCode());
    assertEquals(2, calls.get(), "a failure is not cached");
  }
}
