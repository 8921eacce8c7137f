package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.sse.EventStreams;
import io.vivace.sse.SseEvent;
import io.vivace.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful shutdown ends the connections that stay open by design at the drain, rather than
 * waiting for them until its timeout: an event stream gets its last chunk, a WebSocket close 1001.
 */
class OpenStreamsShutdownTest {

  @Test
  void openEventStreamsAndWebSocketsEndAtTheDrainNotAtTheShutdownTimeout() throws Exception {
    App app = Vivace.app(TestServer.options().shutdownTimeoutMs(60_000));
    EventStreams sse = EventStreams.of(app);
    app.get("/events", () -> sse.stream(out -> out.send(SseEvent.text("open"))));
    app.ws("/socket", ws -> ws.sendText("open"));
    TestServer server = TestServer.started(app);
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    CompletableFuture<String> greeted = new CompletableFuture<>();
    HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket"),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            greeted.complete(data.toString());
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
          }
        }).get(20, TimeUnit.SECONDS);
    assertEquals("open", greeted.get(20, TimeUnit.SECONDS));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while (!(line = in.readLine()).equals("data: open")) {
        assertFalse(line == null);
      }
      long t0 = System.nanoTime();
      CompletableFuture<Void> stopped = server.app().stop().toCompletionStage().toCompletableFuture();
      StringBuilder rest = new StringBuilder();
      while ((line = in.readLine()) != null && !line.equals("0")) { // the last chunk
        rest.append(line).append('\n');
      }
      assertEquals("0", line, "the stream ended with its last chunk: " + rest);
      stopped.get(30, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 30_000, "stopped in " + ms + " ms, not at the 60 s shutdown timeout");
    }
    assertEquals(1001, closed.get(20, TimeUnit.SECONDS));
  }
}
