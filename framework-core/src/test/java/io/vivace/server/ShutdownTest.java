package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.testing.TestServer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {

  @Test
  void inFlightRequestsFinishAndNewConnectionsAreRefused() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    App app = Vivace.app(TestServer.options().shutdownTimeoutMs(5_000));
    app.get("/slow", () -> {
      entered.countDown();
      Promise<String> p = Promise.promise();
      app.vertx().setTimer(300, t -> p.complete("finished"));
      return p.future();
    });
    TestServer server = TestServer.started(app);
    int port = server.port();
    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> server.get("/slow"));
    assertTrue(entered.await(10, TimeUnit.SECONDS));

    app.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode());
    assertEquals("finished", r.body());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void shutdownIsBoundedWhenARequestNeverEnds() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    App app = Vivace.app(TestServer.options().shutdownTimeoutMs(300));
    app.get("/never", () -> {
      entered.countDown();
      return Promise.promise().future();
    });
    TestServer server = TestServer.started(app);
    CompletableFuture.runAsync(() -> server.get("/never"));
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    app.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 5_000, "stopped in " + ms + " ms");
  }
}
