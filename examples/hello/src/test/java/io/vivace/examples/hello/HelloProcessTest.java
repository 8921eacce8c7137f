package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example as a process: its startup line, SIGTERM (readiness first, then the drain), and a bad setting. */
class HelloProcessTest {

  @Test
  void servesAndExitsZeroOnSigterm() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "0", "HOST", "127.0.0.1"))) {
      int port = app.awaitPort(20_000);
      assertTrue(app.lines().stream().anyMatch(l -> l.contains("transport: ") && l.contains("event loops: ")), app.lines().toString());
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plaintext")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("Hello, World!", r.body());
      app.terminate();
      assertEquals(0, app.awaitExit(20_000), app.lines().toString());
    }
  }

  @Test
  void onSigtermReadinessTurnsFalseWhileTheAppStillServesThenItDrains() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class,
        Map.of("PORT", "0", "HOST", "127.0.0.1", "VIVACE_DRAIN_DELAY", "3000"))) {
      int port = app.awaitPort(20_000);
      HttpClient client = HttpClient.newHttpClient();
      URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
      assertEquals(200, client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      app.terminate();
      int status = 200;
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (status == 200 && System.nanoTime() < deadline) {
        status = client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
      }
      assertEquals(503, status, "not ready right after SIGTERM");
      HttpResponse<String> r = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plaintext")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("Hello, World!", r.body(), "still serving during the drain delay");
      assertEquals(0, app.awaitExit(20_000), app.lines().toString());
    }
  }

  @Test
  void anInvalidPortExitsNonZeroWithOneLineNamingIt() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "abc"))) {
      assertEquals(2, app.awaitExit(20_000));
      List<String> lines = app.lines();
      assertEquals(1, lines.size(), lines.toString());
      assertEquals("vivace: invalid configuration: PORT (system property vivace.port): expected an integer between 0 and 65535, got \"abc\"",
          lines.get(0));
    }
  }
}
