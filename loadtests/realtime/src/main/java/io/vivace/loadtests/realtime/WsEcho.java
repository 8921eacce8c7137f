package io.vivace.loadtests.realtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket echo: {@code connections} sockets, each with one message in flight at a time (a
 * closed loop: send, wait for the echo, send again) for {@code seconds} after a warm-up; prints the
 * round-trip percentiles and the messages/s echoed.
 */
final class WsEcho {
  private WsEcho() {
  }

  static String run(Vertx vertx, URI url, int connections, int seconds, int warmupSeconds, int size) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections)
        .setMaxFrameSize(Math.max(65536, size)).setConnectTimeout(30_000));
    Buffer payload = Buffer.buffer(new byte[Math.max(8, size)]);
    List<Conn> conns = new ArrayList<>();
    List<Future<Conn>> opening = new ArrayList<>();
    WebSocketConnectOptions where = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
        .setURI(url.getRawPath());
    for (int i = 0; i < connections; i++) {
      io.vertx.core.Context context = vertx.getOrCreateContext(); // a new one per call off Vert.x: spread over the loops
      opening.add(Future.<WebSocket>future(p -> context.runOnContext(v -> client.connect(where).onComplete(p)))
          .map(ws -> new Conn(ws, context, payload)));
    }
    for (Future<Conn> f : opening) {
      conns.add(f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }
    conns.forEach(Conn::start);
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
    conns.forEach(c -> c.context.runOnContext(v -> c.reset()));
    long t0 = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    List<Future<Latencies>> stopped = new ArrayList<>();
    for (Conn c : conns) {
      stopped.add(Future.future(p -> c.context.runOnContext(v -> p.complete(c.stop()))));
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    Latencies all = new Latencies();
    for (Future<Latencies> f : stopped) {
      all.addAll(f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
    conns.forEach(c -> c.ws.close());
    return String.format("ws-echo %s: %d connections, %d-byte messages, %d s: %.0f messages/s echoed; round trip %s",
        url, connections, payload.length(), seconds, all.count() / elapsed, all.summary());
  }

  /** One socket's loop; its state is touched on its own event loop. */
  private static final class Conn {
    final WebSocket ws;
    final Buffer payload;
    final io.vertx.core.Context context;
    Latencies latencies = new Latencies();
    long sentAt;
    boolean running = true;

    Conn(WebSocket ws, io.vertx.core.Context context, Buffer payload) {
      this.ws = ws;
      this.context = context;
      this.payload = payload;
    }

    void start() {
      ws.binaryMessageHandler(b -> {
        latencies.add(System.nanoTime() - sentAt);
        send();
      });
      context.runOnContext(v -> send());
    }

    void send() {
      if (running) {
        sentAt = System.nanoTime();
        ws.writeBinaryMessage(payload);
      }
    }

    void reset() {
      latencies = new Latencies();
    }

    Latencies stop() {
      running = false;
      return latencies;
    }
  }
}
