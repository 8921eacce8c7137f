package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.impl.Fatal;
import io.vivace.testing.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} reaching the framework (here an {@link OutOfMemoryError} thrown by a handler,
 * and one thrown on an event loop outside any request) ends the process with
 * {@link Fatal#EXIT_STATUS}, so a supervisor restarts it, instead of a process that keeps listening.
 */
class FatalErrorTest {
  /** The child process: a route whose handler throws what its query names. */
  public static final class Main {
    public static void main(String[] args) {
      App app = Vivace.app();
      app.get("/oom", () -> {
        throw new OutOfMemoryError("Java heap space (thrown by a test)");
      });
      app.get("/loop-error", () -> {
        app.vertx().runOnContext(v -> {
          throw new StackOverflowError("thrown on the event loop by a test");
        });
        return "scheduled";
      });
      app.get("/ok", () -> "ok");
      app.run();
    }
  }

  private static int exitAfter(String path) throws Exception {
    try (AppProcess p = AppProcess.start(Main.class, Map.of("PORT", "0", "HOST", "127.0.0.1", "VIVACE_EVENT_LOOPS", "1"))) {
      int port = p.awaitPort(30_000);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest ok = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ok")).timeout(Duration.ofSeconds(5)).build();
      assertEquals(200, client.send(ok, HttpResponse.BodyHandlers.ofString()).statusCode());
      try {
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException expected) {
        // the process went away mid-request
      }
      int status = p.awaitExit(20_000);
      assertTrue(p.lines().stream().anyMatch(l -> l.contains("vivace: fatal")), String.join("\n", p.lines()));
      return status;
    }
  }

  @Test
  void anOutOfMemoryErrorInAHandlerEndsTheProcess() throws Exception {
    assertEquals(Fatal.EXIT_STATUS, exitAfter("/oom"));
  }

  @Test
  void anErrorOnAnEventLoopEndsTheProcess() throws Exception {
    assertEquals(Fatal.EXIT_STATUS, exitAfter("/loop-error"));
  }
}
