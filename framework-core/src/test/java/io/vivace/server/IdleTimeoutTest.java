package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.response.Streamed;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout of HTTP/1.x connections (1 s here): a connection that reads and writes nothing
 * for it is closed, a little after it and not before; a response still being written keeps its
 * connection open however long it takes.
 */
class IdleTimeoutTest {
  /** Chunks of the slow stream, one every {@link #GAP_MS}: 2.4 s in all, over twice the timeout. */
  private static final int CHUNKS = 12;
  private static final long GAP_MS = 200;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.options().idleTimeoutSeconds(1), app -> {
      app.get("/hello", () -> "hello");
      app.get("/slow-stream", () -> new Streamed() {
        @Override
        public String contentType() {
          return "text/plain";
        }

        @Override
        public Future<Void> writeTo(HttpServerResponse response) {
          Promise<Void> done = Promise.promise();
          int[] sent = {0};
          app.vertx().setPeriodic(GAP_MS, id -> {
            if (sent[0]++ < CHUNKS) {
              response.write("x\n");
            } else {
              app.vertx().cancelTimer(id);
              response.end().onComplete(done);
            }
          });
          return done.future();
        }
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheTimeoutNotBefore() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/hello"));
      assertEquals(200, raw.readOne().status());
      assertFalse(raw.closedWithin(800), "open before the 1 s timeout");
      assertTrue(raw.closedWithin(3_000), "closed soon after the 1 s timeout");
    }
  }

  @Test
  void aResponseStillBeingWrittenKeepsItsConnectionOpen() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(RawHttp.get("/slow-stream").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[256];
      // Until the last chunk's terminator, or the server closes (the failure this test guards).
      while (!got.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      }
      String text = got.toString(StandardCharsets.ISO_8859_1);
      assertTrue(text.startsWith("HTTP/1.1 200"), text);
      assertEquals(CHUNKS, text.split("x\n", -1).length - 1, text);
      assertTrue(text.endsWith("\r\n0\r\n\r\n"), "the whole stream arrived: " + text);
    }
  }
}
