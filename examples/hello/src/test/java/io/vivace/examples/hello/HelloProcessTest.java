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

/** The example as a process: its startup line, SIGTERM, and a bad setting. */
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
