package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.AppProcess;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every app reads the CORS, security-headers and compression variables (the contract),
 * the example included, without a line of code: shown on the example run as a process.
 */
class HelloBrowserSettingsTest {

  @Test
  void corsSecurityHeadersAndCompressionFromTheEnvironment() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "0", "HOST", "127.0.0.1",
        "VIVACE_CORS_ORIGINS", "https://front.example.com", "VIVACE_CORS_CREDENTIALS", "true",
        "VIVACE_SECURITY_HEADERS", "true", "VIVACE_COMPRESSION", "true", "VIVACE_COMPRESSION_MIN_SIZE", "0"))) {
      int port = app.awaitPort(20_000);
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).timeout(Duration.ofSeconds(10))
              .header("Origin", "https://front.example.com").header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode());
      assertEquals("https://front.example.com", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals("true", r.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
      assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(null));
      String json = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(json.contains("Hello, World!"), json);
      app.terminate();
      assertEquals(0, app.awaitExit(20_000), app.lines().toString());
    }
  }

  @Test
  void anyOriginWithCredentialsExitsTwoWithOneLineNamingTheSetting() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "0",
        "VIVACE_CORS_ORIGINS", "*", "VIVACE_CORS_CREDENTIALS", "true"))) {
      assertEquals(2, app.awaitExit(20_000));
      List<String> lines = app.lines();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("vivace: invalid configuration: VIVACE_CORS_ORIGINS (system property vivace.cors-origins)"),
          lines.get(0));
    }
  }

  @Test
  void aCompressedTypeInTheListExitsTwo() throws Exception {
    try (AppProcess app = AppProcess.start(HelloApp.class, Map.of("PORT", "0", "VIVACE_COMPRESSION_TYPES", "text/*,image/png"))) {
      assertEquals(2, app.awaitExit(20_000));
      List<String> lines = app.lines();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("vivace: invalid configuration: VIVACE_COMPRESSION_TYPES"), lines.get(0));
    }
  }
}
