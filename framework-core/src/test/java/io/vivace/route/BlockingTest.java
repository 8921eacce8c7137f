package io.vivace.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vivace.extract.Query;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingTest {

  @Test
  void blockingHandlersRunOffTheEventLoopAndNonBlockingOnIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer s = TestServer.start(TestServer.options().eventLoops(1), app -> {
      app.get("/where", () -> Context.isOnEventLoopThread() ? "event-loop" : "elsewhere");
      app.get("/where-blocking", () -> Context.isOnEventLoopThread() ? "event-loop" : "elsewhere").blocking();
      app.get("/wait", Query.string("id"), id -> {
        release.await(10, TimeUnit.SECONDS); // blocks its thread, never the event loop
        return "released " + id;
      }).blocking();
    })) {
      assertEquals("event-loop", s.get("/where").body());
      assertEquals("elsewhere", s.get("/where-blocking").body());

      CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> s.get("/wait?id=1"));
      // With a single event loop, this answers only if the blocked handler is not on it.
      assertEquals("event-loop", s.get("/where").body());
      assertTrue(!waiting.isDone());
      release.countDown();
      assertEquals("released 1", waiting.get(10, TimeUnit.SECONDS).body());
    }
  }

  @Test
  void extractionErrorsOfBlockingRoutesAre400s() {
    try (TestServer s = TestServer.start(app -> app.get("/b", Query.intValue("n"), n -> n * 2).blocking())) {
      assertEquals("8", s.get("/b?n=4").body());
      assertEquals(400, s.get("/b?n=four").statusCode());
    }
  }
}
