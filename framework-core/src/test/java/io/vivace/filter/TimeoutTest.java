package io.vivace.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A route's timeout answers 503 in time, and the late result is dropped without a second write. */
class TimeoutTest {

  @Test
  void anExpiredRouteAnswers503AndItsLateResultIsDropped() throws Exception {
    AtomicReference<Promise<String>> pending = new AtomicReference<>();
    try (TestServer s = TestServer.start(TestServer.options().eventLoops(1), app -> {
      app.get("/slow", () -> {
        Promise<String> p = Promise.promise();
        pending.set(p);
        return p.future();
      }).timeout(Duration.ofMillis(200));
      app.get("/stage", () -> new CompletableFuture<String>()).timeout(Duration.ofMillis(200));
      app.get("/fast", () -> Future.succeededFuture("fast")).timeout(Duration.ofMillis(200));
      app.get("/sleepy", () -> {
        Thread.sleep(1_000);
        return "late";
      }).blocking().timeout(Duration.ofMillis(200));
      app.get("/routed/:id", io.vivace.extract.Path.intValue("id"), id -> new CompletableFuture<String>())
          .timeout(Duration.ofMillis(200));
      app.get("/routed-fast/:id", io.vivace.extract.Path.intValue("id"), id -> CompletableFuture.supplyAsync(() -> "fast " + id))
          .timeout(Duration.ofMillis(2_000));
      app.get("/ok", () -> "ok");
    }); RawHttp raw = s.raw()) {
      long t0 = System.nanoTime();
      raw.write(RawHttp.get("/slow"));
      RawHttp.Response r = raw.readOne();
      assertEquals(503, r.status());
      assertEquals("application/problem+json", r.header("content-type"));
      assertEquals("5", r.header("retry-after"));
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
      // the late result arrives on the loop after the 503: dropped, and the connection serves the next request
      s.app().vertx().runOnContext(v -> pending.get().complete("late"));
      raw.write(RawHttp.get("/ok"));
      RawHttp.Response next = raw.readOne();
      assertEquals(200, next.status());
      assertEquals("ok", next.body());
      raw.write(RawHttp.get("/stage") + RawHttp.get("/fast") + RawHttp.get("/sleepy") + RawHttp.get("/routed/1")
          + RawHttp.get("/routed-fast/2") + RawHttp.get("/ok"));
      var rs = raw.read(6);
      assertEquals(503, rs.get(0).status());
      assertEquals("fast", rs.get(1).body());
      assertEquals(503, rs.get(2).status());
      assertEquals(503, rs.get(3).status(), "the router path times out the same");
      assertEquals("application/problem+json", rs.get(3).header("content-type"));
      assertEquals("fast 2", rs.get(4).body());
      assertEquals("ok", rs.get(5).body());
    }
  }

  @Test
  void groupAndAppTimeoutsAreDefaultsARouteOverrides() throws Exception {
    try (TestServer s = TestServer.start(app -> {
      app.timeout(Duration.ofMillis(150));
      app.get("/app", () -> new CompletableFuture<String>());
      app.group("/g", g -> {
        g.timeout(Duration.ofMillis(100));
        g.get("/group", () -> new CompletableFuture<String>());
        g.get("/own", () -> CompletableFuture.supplyAsync(() -> "own",
            CompletableFuture.delayedExecutor(400, java.util.concurrent.TimeUnit.MILLISECONDS))).timeout(Duration.ofSeconds(3));
      });
    })) {
      assertEquals(503, s.get("/app").statusCode());
      assertEquals(503, s.get("/g/group").statusCode());
      assertEquals("own", s.get("/g/own").body());
    }
  }

  @Test
  void theConfiguredRequestTimeoutIsTheDefaultOfRoutesWithoutTheirOwn() throws Exception {
    // VIVACE_REQUEST_TIMEOUT through the options: routes and groups without a timeout get it
    try (TestServer s = TestServer.start(TestServer.options().requestTimeoutMs(150), app -> {
      app.get("/never", () -> new CompletableFuture<String>());
      app.get("/own", () -> CompletableFuture.supplyAsync(() -> "own",
          CompletableFuture.delayedExecutor(400, java.util.concurrent.TimeUnit.MILLISECONDS))).timeout(Duration.ofSeconds(3));
      app.group("/g", g -> g.get("/never", () -> new CompletableFuture<String>()));
    })) {
      assertEquals(503, s.get("/never").statusCode());
      assertEquals(503, s.get("/g/never").statusCode());
      assertEquals("own", s.get("/own").body(), "a route's own timeout wins");
    }
    // a timeout the app sets in code wins over the setting
    try (TestServer s = TestServer.start(TestServer.options().requestTimeoutMs(100), app -> {
      app.timeout(Duration.ofSeconds(3));
      app.get("/slowish", () -> CompletableFuture.supplyAsync(() -> "done",
          CompletableFuture.delayedExecutor(400, java.util.concurrent.TimeUnit.MILLISECONDS)));
    })) {
      assertEquals("done", s.get("/slowish").body());
    }
  }
}
