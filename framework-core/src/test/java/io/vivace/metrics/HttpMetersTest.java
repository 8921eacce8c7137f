package io.vivace.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.filter.Filter;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.impl.ObserveLocals;
import io.vivace.response.Response;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The HTTP server meters recorded by dispatch, on a real server: per route template and status. */
class HttpMetersTest {

  static final Consumer<io.vivace.App> ROUTES = app -> {
    app.get("/hello", () -> "hello!");                                   // static
    app.get("/hello/:name", Path.string("name"), n -> "hi " + n);        // routed
    app.get("/work", () -> "done").blocking();                           // blocking
    app.post("/echo", Body.text(), t -> t + t);                          // routed, with a body
    app.get("/guarded", () -> "secret")
        .filter(Filter.before(ex -> ex.header("X-Key") == null ? Response.status(401) : null));
  };

  @Test
  void countsEveryRequestByRouteTemplateMethodAndStatus() throws Exception {
    try (TestServer s = TestServer.start(ROUTES)) {
      MeterRegistry registry = Metrics.registry(s.app());
      assertEquals(200, s.get("/hello").statusCode());
      assertEquals(200, s.get("/hello").statusCode());
      assertEquals(200, s.get("/hello/ada").statusCode());
      assertEquals(200, s.get("/hello/bob").statusCode());
      assertEquals(200, s.get("/hello/cy").statusCode());
      assertEquals(200, s.get("/work").statusCode());
      assertEquals(401, s.get("/guarded").statusCode());
      assertEquals(404, s.get("/nowhere").statusCode());
      assertEquals(405, s.send("DELETE", "/hello", null, null).statusCode());
      assertEquals(200, s.get("/health").statusCode());
      assertEquals(200, s.get("/metrics").statusCode());
      assertEquals(200, s.send(java.net.http.HttpRequest.newBuilder(s.uri("/hello")).method("HEAD",
          java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());

      settled(registry);
      assertEquals(2, count(registry, "GET", "/hello", "200"), "static path");
      assertEquals(3, count(registry, "GET", "/hello/:name", "200"), "the template, never the raw path");
      assertNull(registry.find("http.server.requests").tag("route", "/hello/ada").timer());
      assertEquals(1, count(registry, "GET", "/work", "200"), "blocking");
      assertEquals(1, count(registry, "GET", "/guarded", "401"), "answered by a filter");
      assertEquals(1, count(registry, "GET", HttpServerMeters.NO_ROUTE, "404"));
      assertEquals(1, count(registry, "DELETE", HttpServerMeters.NO_ROUTE, "405"));
      assertEquals(1, count(registry, "GET", "/health", "200"));
      assertEquals(1, count(registry, "GET", "/metrics", "200"), "the scrape, once it ended");
      assertEquals(1, count(registry, "HEAD", "/hello", "200"), "HEAD has its own series");
      assertEquals(0, active(registry), "every request ended");

      Timer t = registry.get("http.server.requests").tags("method", "GET", "route", "/hello/:name", "status", "200").timer();
      assertTrue(t.totalTime(TimeUnit.NANOSECONDS) > 0);
      List<PrometheusText.Sample> samples = PrometheusText.parse(s.get("/metrics").body());
      assertEquals(3.0, PrometheusText.value(samples, "http_server_requests_seconds_bucket",
          "method", "GET", "route", "/hello/:name", "status", "200", "le", "10.0"), "the 10 s bucket holds all");
      assertEquals(3.0, PrometheusText.value(samples, "http_server_requests_seconds_count",
          "method", "GET", "route", "/hello/:name", "status", "200"));
    }
  }

  @Test
  void recordsBodyBytesInAndOut() throws Exception {
    try (TestServer s = TestServer.start(ROUTES)) {
      MeterRegistry registry = Metrics.registry(s.app());
      assertEquals("abcabc", s.send("POST", "/echo", "text/plain", "abc").body());
      assertEquals("hello!", s.get("/hello").body());
      settled(registry);
      // counted on the event loop's own cell (no atomic), summed when read
      FunctionCounter in = registry.get("http.server.request.size").tags("method", "POST", "route", "/echo").functionCounter();
      FunctionCounter out = registry.get("http.server.response.size").tags("method", "POST", "route", "/echo").functionCounter();
      assertEquals(3.0, in.count());
      assertEquals(6.0, out.count());
      assertEquals(6.0, registry.get("http.server.response.size").tags("method", "GET", "route", "/hello").functionCounter()
          .count());
    }
  }

  @Test
  void aSlowRequestIsActiveUntilItEnds() throws Exception {
    io.vertx.core.Promise<String>[] pending = new io.vertx.core.Promise[1];
    BlockingQueue<io.vertx.core.Context> started = new ArrayBlockingQueue<>(1);
    try (TestServer s = TestServer.start(app -> app.get("/wait", () -> {
      pending[0] = io.vertx.core.Promise.promise();
      started.add(io.vertx.core.Vertx.currentContext());
      return pending[0].future();
    }))) {
      MeterRegistry registry = Metrics.registry(s.app());
      try (RawHttp raw = s.raw()) {
        raw.write("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
        io.vertx.core.Context loop = started.poll(5, TimeUnit.SECONDS);
        assertNotNull(loop);
        assertEquals(1, active(registry), "begun, not answered");
        loop.runOnContext(v -> pending[0].complete("ok")); // answered on the request's event loop
        assertEquals(200, raw.read(1).get(0).status());
      }
      settled(registry);
      assertEquals(0, active(registry), "back to 0 once answered");
      assertEquals(1, count(registry, "GET", "/wait", "200"));
    }
  }

  @Test
  void aRequestWhoseConnectionClosesEnds() throws Exception {
    BlockingQueue<Boolean> started = new ArrayBlockingQueue<>(1);
    try (TestServer s = TestServer.start(app -> app.get("/never", () -> {
      started.add(true);
      return io.vertx.core.Promise.<String>promise().future(); // never answered
    }))) {
      MeterRegistry registry = Metrics.registry(s.app());
      try (RawHttp raw = s.raw()) {
        raw.write("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
        assertNotNull(started.poll(5, TimeUnit.SECONDS));
        assertEquals(1, active(registry));
      } // the client goes away
      settled(registry);
      assertEquals(0, active(registry), "the close ended it");
    }
  }

  @Test
  void anInvalidHeadIsCountedAsNoRoute() throws Exception {
    try (TestServer s = TestServer.start(ROUTES); RawHttp raw = s.raw()) {
      raw.write("GET /hello HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
      assertEquals(400, raw.read(1).get(0).status());
      MeterRegistry registry = Metrics.registry(s.app());
      settled(registry);
      assertEquals(1, count(registry, "GET", HttpServerMeters.NO_ROUTE, "400"));
      assertEquals(0, active(registry));
    }
  }

  @Test
  void offMeansNoEndHookUnlessTheAccessLogIsOn() throws Exception {
    BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
    Consumer<io.vivace.App> routes = app -> app.get("/hello", () -> "hello!").filter((ex, next) -> {
      Object record = ((HttpServerRequestInternal) ex.request()).context().getLocal(ObserveLocals.ACCESS);
      seen.add(record == null ? "none" : "record");
      return next.proceed();
    });
    try (TestServer s = TestServer.start(TestServer.options().metrics(false), routes)) {
      assertEquals(200, s.get("/hello").statusCode());
      assertEquals("none", seen.poll(5, TimeUnit.SECONDS), "metrics and access log off: no end hook");
    }
    try (TestServer s = TestServer.start(routes)) {
      assertEquals(200, s.get("/hello").statusCode());
      assertEquals("record", seen.poll(5, TimeUnit.SECONDS), "metrics on: the one end record");
    }
    try (TestServer s = TestServer.start(TestServer.options().metrics(false)
        .observe(new ObserveOptions().accessLog(ObserveOptions.AccessLog.JSON)), routes)) {
      assertEquals(200, s.get("/hello").statusCode());
      assertEquals("record", seen.poll(5, TimeUnit.SECONDS), "access log on: the one end record");
    }
  }

  @Test
  void bucketsAreConfigurable() {
    try (TestServer s = TestServer.start(TestServer.options().metricsBucketsMs(List.of(1L, 7L)), ROUTES)) {
      assertEquals(200, s.get("/hello").statusCode());
      List<PrometheusText.Sample> samples = PrometheusText.parse(s.get("/metrics").body());
      assertTrue(samples.stream().anyMatch(x -> x.name().equals("http_server_requests_seconds_bucket")
          && "0.007".equals(x.labels().get("le"))), "the 7 ms bucket");
      assertTrue(samples.stream().noneMatch(x -> x.name().equals("http_server_requests_seconds_bucket")
          && "0.005".equals(x.labels().get("le"))), "not the default 5 ms one");
    }
  }

  private static long count(MeterRegistry registry, String method, String route, String status) {
    Timer t = registry.find("http.server.requests").tags("method", method, "route", route, "status", status).timer();
    return t == null ? 0 : t.count();
  }

  /**
   * Waits (5 s at most) until no request is active: Vert.x calls a response's end handler right
   * after handing its last bytes to the socket, so a client may read a response a moment before
   * the request is recorded; a request is recorded before it stops being active.
   */
  private static void settled(MeterRegistry registry) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (active(registry) != 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static double active(MeterRegistry registry) {
    return registry.get("http.server.requests.active").gauge().value();
  }
}
