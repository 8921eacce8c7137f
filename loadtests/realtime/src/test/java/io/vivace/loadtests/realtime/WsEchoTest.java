package io.vivace.loadtests.realtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The driver works (a few connections, one second, against a real Vivace echo route); measures nothing. */
class WsEchoTest {

  @Test
  void echoesOverAFewConnectionsAndReportsRoundTrips() throws Exception {
    App app = Vivace.app(new VivaceOptions().host("127.0.0.1").port(0).eventLoops(1));
    app.ws("/ws/echo", ws -> ws.onText(ws::sendText).onBinary(ws::sendBinary));
    app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Vertx vertx = Vertx.vertx();
    try {
      String line = WsEcho.run(vertx, URI.create("ws://127.0.0.1:" + app.port() + "/ws/echo"), 4, 1, 0, 32);
      assertTrue(line.matches("ws-echo .*: 4 connections, 32-byte messages, 1 s: \\d+ messages/s echoed; round trip p50 .*"), line);
      assertTrue(!line.contains(": 0 messages/s"), line);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      app.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
