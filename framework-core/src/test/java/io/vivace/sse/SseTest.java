package io.vivace.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vivace.App;
import io.vivace.extract.Path;
import io.vivace.filter.Filter;
import io.vivace.response.Response;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-Sent Events against a real server and real clients (the JDK's HTTP client, raw sockets):
 * the wire format, both dispatch paths, filters and request ids, Last-Event-ID, heartbeats, a
 * closed client stopping its producer, a slow client dropped and counted.
 */
class SseTest {
  @CompiledJson
  public record Note(long id, String text) {
  }

  static TestServer server;
  static EventStreams sse;
  static final CompletableFuture<Long> stoppedTicks = new CompletableFuture<>();
  static final AtomicLong ticks = new AtomicLong();

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.options(), SseTest::routes);
  }

  static void routes(App app) {
    sse = EventStreams.of(app, new SseOptions().heartbeatMs(100).maxBufferBytes(4096));
    app.filter(Filter.after((ex, result) -> result)); // a filter wraps the SSE routes too
    app.get("/events", EventStreams.lastEventId(), last -> sse.stream(last.orElse(null), out -> {
      out.send(SseEvent.json(new Note(1, "first\nline")).event("note").id("1"));
      out.send(SseEvent.text("two\nlines").id("2").retry(2500));
      out.send(SseEvent.text("resumed after " + out.lastEventId()));
      out.close();
    }));
    app.get("/posts/:id/events", Path.longValue("id"), id -> sse.stream(out -> {
      out.send(SseEvent.json(new Note(id, "routed")).event("note"));
      out.close();
    }));
    app.get("/quiet", () -> sse.stream(out -> { })); // only heartbeats
    app.get("/ticking", () -> sse.stream(out -> {
      long timer = app.vertx().setPeriodic(5, t -> out.send(SseEvent.text("tick " + ticks.incrementAndGet())));
      out.onClose(() -> {
        app.vertx().cancelTimer(timer);
        stoppedTicks.complete(ticks.get());
      });
    }));
    app.get("/flood", () -> sse.stream(out -> {
      SseEvent kib = SseEvent.text("x".repeat(1000)); // each event fits the bound: only falling behind exceeds it
      long[] timer = new long[1];
      timer[0] = app.vertx().setPeriodic(1, t -> {
        for (int i = 0; i < 64; i++) {
          if (!out.send(kib)) {
            app.vertx().cancelTimer(timer[0]);
            return;
          }
        }
      });
      out.onClose(() -> app.vertx().cancelTimer(timer[0]));
    }));
    app.get("/plain", () -> Response.ok("not a stream"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eventsAreWrittenInTheEventStreamFormatWithIdsRetryAndTheLastEventId() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/events")).header("Last-Event-ID", "41"));
    assertEquals(200, r.statusCode());
    assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-store", r.headers().firstValue("cache-control").orElseThrow());
    assertTrue(r.headers().firstValue("x-request-id").isPresent(), "request ids apply to the stream");
    assertEquals("event: note\nid: 1\ndata: {\"id\":1,\"text\":\"first\\nline\"}\n\n"
        + "id: 2\nretry: 2500\ndata: two\ndata: lines\n\n"
        + "data: resumed after 41\n\n", r.body());
  }

  @Test
  void aRouteWithAPathParameterStreamsThroughTheRouter() {
    HttpResponse<String> r = server.get("/posts/7/events");
    assertEquals(200, r.statusCode());
    assertEquals("event: note\ndata: {\"id\":7,\"text\":\"routed\"}\n\n", r.body());
  }

  @Test
  void streamsAreCountedInTheRoutesHttpMetersOnBothPaths() {
    assertEquals(200, server.get("/events").statusCode());
    assertEquals(200, server.get("/posts/8/events").statusCode());
    List<PrometheusText.Sample> samples = PrometheusText.parse(server.get("/metrics").body());
    assertTrue(PrometheusText.value(samples, "http_server_requests_seconds_count",
        "method", "GET", "route", "/events", "status", "200") >= 1, "the static path");
    assertTrue(PrometheusText.value(samples, "http_server_requests_seconds_count",
        "method", "GET", "route", "/posts/:id/events", "status", "200") >= 1, "the router's path");
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r = java.net.http.HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.uri("/quiet")).build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> r.body().iterator().next());
    assertEquals(":", first.get(20, TimeUnit.SECONDS)); // every 100 ms; generous deadline
    r.body().close();
  }

  @Test
  void aClientThatGoesAwayStopsItsProducer() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /ticking HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      Iterator<String> lines = in.lines().iterator();
      boolean ticked = false;
      while (!ticked && lines.hasNext()) {
        ticked = lines.next().startsWith("data: tick");
      }
      assertTrue(ticked);
    }
    long stoppedAt = stoppedTicks.get(20, TimeUnit.SECONDS);
    assertTrue(stoppedAt > 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (sse.openStreams() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(50); // a producer still running would tick every 5 ms
    assertEquals(stoppedAt, ticks.get(), "no tick after the client closed");
  }

  @Test
  void aClientThatFallsBehindIsDroppedAndCounted() throws Exception {
    long before = sse.dropped();
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      s.getOutputStream().write("GET /flood HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sse.dropped() == before && System.nanoTime() < deadline) {
        Thread.sleep(10); // never reads
      }
    }
    assertEquals(before + 1, sse.dropped());
    String metrics = server.get("/metrics").body();
    List<PrometheusText.Sample> samples = PrometheusText.parse(metrics);
    assertTrue(PrometheusText.sum(samples, "vivace_sse_dropped_total") >= 1, metrics);
  }

  @Test
  void withCompressionOnEventsLeaveUncompressedAndAtOnce() throws Exception {
    try (TestServer compressed = TestServer.start(TestServer.options(), app -> {
      app.compression(new io.vivace.compression.CompressionOptions().enabled(true).minSizeBytes(0));
      EventStreams s = EventStreams.of(app, new SseOptions().heartbeatMs(0));
      app.get("/one", () -> s.stream(out -> out.send(SseEvent.text("right away")))); // stays open
    })) {
      HttpResponse<java.util.stream.Stream<String>> r = java.net.http.HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(compressed.uri("/one")).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofLines());
      assertTrue(r.headers().firstValue("content-encoding").isEmpty(), r.headers().toString());
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> r.body().iterator().next());
      assertEquals("data: right away", first.get(20, TimeUnit.SECONDS), "sent while the stream is open");
      r.body().close();
    }
  }

  @Test
  void eventFieldsRefuseLineBreaks() {
    SseEvent e = SseEvent.text("x");
    assertThrows(() -> e.id("a\nb"));
    assertThrows(() -> e.event("a\rb"));
    assertThrows(() -> e.id("a\0b"));
    assertThrows(() -> e.retry(-1));
    assertNotNull(e.id("ok").event("ok").retry(0));
    assertFalse(e.isJson());
  }

  private static void assertThrows(Runnable r) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
  }
}
