package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.AppProcess;
import io.vivace.testing.JsonTree;
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

  @Test
  void jsonLogLinesAndAJsonAccessLogOnStandardOutput() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "0", "HOST", "127.0.0.1",
        "VIVACE_LOG_FORMAT", "json", "VIVACE_ACCESS_LOG", "json"))) {
      int port = app.awaitPort(20_000);
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/you"))
          .header("X-Request-Id", "proc-1").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("proc-1", r.headers().firstValue("x-request-id").orElseThrow());
      HttpResponse<String> nf = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nowhere"))
          .build(), HttpResponse.BodyHandlers.ofString());
      String generated = nf.headers().firstValue("x-request-id").orElseThrow();
      String routed = awaitLine(app, "\"request_id\":\"proc-1\"");
      Map<String, Object> line = JsonTree.object(routed);
      assertEquals("/hello/:name", line.get("route"));
      assertEquals("/hello/you", line.get("path"));
      assertEquals(200L, line.get("status"));
      assertEquals((long) "Hello, you!".length(), line.get("bytes"));
      assertEquals("127.0.0.1", line.get("client"));
      assertEquals(404L, JsonTree.object(awaitLine(app, "\"request_id\":\"" + generated + "\"")).get("status"));
      String started = app.lines().stream().filter(l -> l.contains("listening on")).findFirst().orElseThrow();
      Map<String, Object> json = JsonTree.object(started);
      assertEquals("INFO", json.get("level"));
      assertEquals("io.vivace.App", json.get("loggerName"));
      app.terminate();
      assertEquals(0, app.awaitExit(20_000), app.lines().toString());
      for (String l : app.lines()) {
        assertTrue(l.startsWith("{") && l.endsWith("}"), "every line is JSON: " + l);
      }
    }
  }

  @Test
  void aBadLogSettingExitsNonZeroNamingIt() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "0", "VIVACE_LOG_FORMAT", "xml"))) {
      assertEquals(2, app.awaitExit(20_000));
      assertEquals(List.of("vivace: invalid configuration: VIVACE_LOG_FORMAT (system property vivace.log-format): "
          + "expected text or json, got \"xml\""), app.lines());
    }
  }

  private static String awaitLine(AppProcess app, String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (String l : app.lines()) {
        if (l.contains(text)) {
          return l;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with " + text + " in " + app.lines());
  }
}
