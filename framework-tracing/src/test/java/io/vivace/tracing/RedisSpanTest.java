package io.vivace.tracing;

import static io.vivace.tracing.Spans.assertAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.cache.Redis;
import io.vivace.cache.RedisOptions;
import io.vivace.cache.testing.TestRedis;
import io.vivace.extract.Path;
import io.vivace.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis commands as client spans under the request's server span, against the real Redis, through
 * Lettuce's tracing SPI on the app's shared client: named by the command, with {@code db.system}
 * {@code redis}, the database index and the server; never a key or a value; a failed command's
 * error class; no span for a command sent outside a request.
 */
class RedisSpanTest {
  static TestServer server;
  static Redis redis;
  static RedisOptions options;

  @BeforeAll
  static void start() {
    Spans.configure();
    options = TestRedis.options();
    App app = Vivace.app(Spans.traced());
    redis = Redis.shared(app, options);
    String prefix = options.keyPrefix();
    app.get("/get/:key", Path.string("key"), key -> redis.command(c -> c.get(prefix + key))
        .thenApply(v -> v == null ? "none" : new String(v, StandardCharsets.UTF_8)));
    app.post("/set/:key", Path.string("key"), key -> redis.command(c -> c.set(prefix + key,
        "secret-value".getBytes(StandardCharsets.UTF_8))));
    app.post("/wrong/:key", Path.string("key"), key -> redis.command(c -> c.lpush(prefix + key, new byte[] {2}))
        .handle((v, e) -> e == null ? "no error?" : "failed"));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clean() {
    Spans.reset();
  }

  @Test
  void commandIsAChildOfTheServerSpan() {
    String key = "k" + System.nanoTime();
    server.send("POST", "/set/" + key, null, null);
    assertEquals("secret-value", server.get("/get/" + key).body());
    SpanData http = Spans.server(server.app(), "GET /get/:key");
    SpanData get = Spans.await(server.app(), s -> s.getName().equals("GET") && s.getKind() == SpanKind.CLIENT,
        "CLIENT GET");
    assertEquals(http.getTraceId(), get.getTraceId());
    assertEquals(http.getSpanId(), get.getParentSpanId());
    assertAttribute(get, "db.system", "redis");
    assertAttribute(get, "db.system.name", "redis");
    assertAttribute(get, "db.operation.name", "GET");
    assertAttribute(get, "db.namespace", "0");
    URI uri = URI.create(options.url());
    assertNotNull(get.getAttributes().asMap().keySet().stream().filter(k -> k.getKey().equals("server.port"))
        .findFirst().orElse(null), "server.port: " + get.getAttributes());
    assertAttribute(get, "server.port", (long) uri.getPort());
    assertEquals(StatusCode.UNSET, get.getStatus().getStatusCode());

    SpanData set = Spans.await(server.app(), s -> s.getName().equals("SET"), "SET");
    for (SpanData s : new SpanData[] {get, set}) {
      String all = s.getAttributes().toString() + s.getName() + s.getEvents();
      assertTrue(!all.contains(key) && !all.contains("secret-value"), "a key or value in " + all);
    }
  }

  @Test
  void failedCommandIsAnErrorSpan() throws Exception {
    String key = "w" + System.nanoTime();
    redis.command(c -> c.set(options.keyPrefix() + key, new byte[] {1})).get(10, TimeUnit.SECONDS); // a string
    assertEquals("failed", server.send("POST", "/wrong/" + key, null, null).body()); // LPUSH on it: WRONGTYPE
    SpanData lpush = Spans.await(server.app(), s -> s.getName().equals("LPUSH"), "LPUSH");
    assertEquals(StatusCode.ERROR, lpush.getStatus().getStatusCode());
    assertAttribute(lpush, "error.type", "io.lettuce.core.RedisCommandExecutionException");
    assertAttribute(lpush, "db.response.status_code", "WRONGTYPE");
    assertTrue(lpush.getEvents().isEmpty(), "no exception event");
  }

  @Test
  void commandsOutsideARequestHaveNoSpan() throws Exception {
    String key = "outside" + System.nanoTime();
    redis.command(c -> c.incr(options.keyPrefix() + key)).get(10, TimeUnit.SECONDS); // the test's own thread
    CompletableFuture<Object> onLoop = new CompletableFuture<>();
    server.app().vertx().runOnContext(v -> redis.command(c -> c.incr(options.keyPrefix() + key))
        .whenComplete((n, e) -> onLoop.complete(n)));
    onLoop.get(10, TimeUnit.SECONDS);
    server.get("/get/" + key); // a request after them: its spans are exported after theirs would be
    Spans.await(server.app(), s -> s.getName().equals("GET") && s.getKind() == SpanKind.CLIENT, "CLIENT GET");
    assertTrue(Spans.all().stream().noneMatch(s -> s.getName().equals("INCR")), Spans.describe(Spans.all()));
  }
}
