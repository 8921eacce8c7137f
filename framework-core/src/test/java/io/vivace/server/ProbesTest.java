package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.testing.JsonTree;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The liveness and readiness probes on a real app: event loops, readiness checks, shutdown. */
class ProbesTest {

  @Test
  void liveWhenEveryEventLoopAnswers() {
    try (TestServer s = TestServer.start(app -> { })) {
      HttpResponse<String> r = s.get("/health/live");
      assertEquals(200, r.statusCode());
      assertEquals("{\"status\":\"UP\"}", r.body());
      assertEquals("no-store", r.headers().firstValue("cache-control").orElseThrow());
      assertEquals(200, s.send("HEAD", "/health/live", null, null).statusCode());
    }
  }

  @Test
  void notLiveWhileAnEventLoopIsStuck() throws Exception {
    // /block, on the loop of its connection, makes the app's other event loop sleep: the liveness
    // probe, sent next on the same connection (so answered by the loop that is free), names it.
    try (TestServer s = TestServer.start(TestServer.options().livenessTimeoutMs(200), app -> app.get("/block", () -> {
      int i = 0;
      for (EventExecutor loop : ((VertxInternal) app.vertx()).nettyEventLoopGroup()) {
        if (!loop.inEventLoop()) {
          loop.execute(() -> sleep(1_500));
          return Integer.toString(i);
        }
        i++;
      }
      throw new IllegalStateException("no other loop");
    })); RawHttp raw = s.raw()) {
      raw.write(RawHttp.get("/block"));
      String stuck = raw.readOne().body();
      long t0 = System.nanoTime();
      raw.write(RawHttp.get("/health/live"));
      RawHttp.Response r = raw.readOne();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(503, r.status());
      assertEquals("application/problem+json", r.header("content-type"));
      assertEquals("event loop(s) " + stuck + " did not answer within 200 ms", JsonTree.object(r.body()).get("detail"));
      assertTrue(ms < 1_400, "answered in " + ms + " ms, before the loop woke up");
    }
  }

  @Test
  void readyWhenEveryReadinessCheckPasses() {
    try (TestServer s = TestServer.start(app -> app.health()
        .readiness("db", 500, () -> Future.succeededFuture())
        .readiness("redis", 500, () -> Future.succeededFuture("PONG")))) {
      HttpResponse<String> r = s.get("/health/ready");
      assertEquals(200, r.statusCode());
      assertEquals("{\"status\":\"UP\"}", r.body());
    }
  }

  @Test
  void notReadyNamesWhatIsDownAndBoundsASlowCheck() {
    try (TestServer s = TestServer.start(app -> app.health()
        .readiness("db", 500, () -> Future.succeededFuture())
        .readiness("redis", 500, () -> Future.failedFuture("connection refused"))
        .readiness("search", 200, () -> Promise.promise().future()) // never answers
        .readiness("broken", 500, () -> {
          throw new IllegalStateException("a check that throws");
        }))) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = s.get("/health/ready");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(503, r.statusCode());
      assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
      assertEquals("1", r.headers().firstValue("retry-after").orElseThrow());
      var body = JsonTree.object(r.body());
      assertEquals("not ready: redis, search, broken down", body.get("detail"));
      assertEquals("/health/ready", body.get("instance"));
      assertEquals(503.0, ((Number) body.get("status")).doubleValue());
      assertTrue(!r.body().contains("connection refused"), "no internals: " + r.body());
      assertTrue(ms < 5_000, "answered in " + ms + " ms");
      assertEquals(200, s.get("/health/live").statusCode(), "live all the same");
    }
  }

  @Test
  void probesFollowTheHealthPathAndGoWithIt() {
    try (TestServer s = TestServer.start(TestServer.options().healthPath("/status"), app -> { })) {
      assertEquals(200, s.get("/status/live").statusCode());
      assertEquals(200, s.get("/status/ready").statusCode());
      assertEquals(404, s.get("/health/live").statusCode());
    }
    try (TestServer s = TestServer.start(TestServer.options().healthPath(null), app -> { })) {
      assertEquals(404, s.get("/health/live").statusCode());
      assertEquals(404, s.get("/health/ready").statusCode());
    }
  }

  @Test
  void onStopReadinessTurnsFalseBeforeTheDrain() throws Exception {
    App app = Vivace.app(TestServer.options().drainDelayMs(3_000).shutdownTimeoutMs(2_000));
    app.get("/hello", () -> "hi");
    TestServer s = TestServer.started(app);
    int port = s.port();
    assertEquals(200, s.get("/health/ready").statusCode());
    long t0 = System.nanoTime();
    CompletableFuture<Void> stopped = app.stop().toCompletionStage().toCompletableFuture();
    HttpResponse<String> ready = s.get("/health/ready");
    assertEquals(503, ready.statusCode());
    assertEquals("shutting down", JsonTree.object(ready.body()).get("detail"));
    HttpResponse<String> hello = s.get("/hello");
    assertEquals(200, hello.statusCode(), "still serving during the drain delay");
    assertTrue(hello.headers().firstValue("connection").isEmpty(), "not draining yet");
    assertTrue(!stopped.isDone());
    stopped.get(10, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms >= 2_900, "the drain waited for the delay: " + ms + " ms");
    assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "drained and closed");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
