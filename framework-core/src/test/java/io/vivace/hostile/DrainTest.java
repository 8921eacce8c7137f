package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While the server drains (SIGTERM, {@code App.stop()}), a request already received is answered,
 * and with {@code Connection: close}, so a keep-alive client does not send another one into a
 * closing connection.
 */
class DrainTest {

  @Test
  void inFlightResponsesCarryConnectionCloseAndTheConnectionCloses() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    App app = Vivace.app(TestServer.options().shutdownTimeoutMs(5_000));
    app.get("/slow", () -> {
      entered.countDown();
      Promise<String> p = Promise.promise();
      app.vertx().setTimer(300, t -> p.complete("finished"));
      return p.future();
    });
    app.get("/fast", () -> "fast");
    TestServer server = TestServer.started(app);
    try (RawHttp keepAlive = server.raw(); RawHttp raw = server.raw()) {
      keepAlive.write(RawHttp.get("/fast"));
      RawHttp.Response before = keepAlive.readOne();
      assertEquals(200, before.status());
      assertEquals(null, before.header("connection"), "keep-alive before the drain");

      raw.write(RawHttp.get("/slow"));
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      CompletableFuture<Void> stopped = app.stop().toCompletionStage().toCompletableFuture();

      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status());
      assertEquals("finished", r.body());
      assertEquals("close", r.header("connection"));
      assertTrue(raw.closedWithin(5_000), "closed after the answer");
      assertTrue(keepAlive.closedWithin(5_000), "an idle keep-alive connection is closed by the drain");
      stopped.get(10, TimeUnit.SECONDS);
    }
  }
}
