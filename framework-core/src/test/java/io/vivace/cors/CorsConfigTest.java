package io.vivace.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.Vivace;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CORS settings: read from the environment, bad values and combinations refused with one line naming the setting. */
class CorsConfigTest {
  static Config env(String... pairs) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new Config(m, new Properties());
  }

  @Test
  void unsetOriginsMeanOff() {
    CorsOptions o = CorsOptions.from(env());
    assertEquals(false, o.enabled());
    assertEquals(CorsOptions.DEFAULT_METHODS, o.methods());
    assertEquals(CorsOptions.DEFAULT_MAX_AGE_SECONDS, o.maxAgeSeconds());
  }

  @Test
  void theEnvironmentSetsEveryField() {
    CorsOptions o = CorsOptions.from(env("VIVACE_CORS_ORIGINS", " https://a.example.com , https://*.example.org ",
        "VIVACE_CORS_CREDENTIALS", "true", "VIVACE_CORS_METHODS", "GET,PUT", "VIVACE_CORS_HEADERS", "*",
        "VIVACE_CORS_EXPOSED_HEADERS", "ETag", "VIVACE_CORS_MAX_AGE", "60"));
    assertEquals(List.of("https://a.example.com", "https://*.example.org"), o.origins());
    assertTrue(o.credentials());
    assertEquals(List.of("GET", "PUT"), o.methods());
    assertEquals(List.of("*"), o.headers());
    assertEquals(List.of("ETag"), o.exposedHeaders());
    assertEquals(60, o.maxAgeSeconds());
  }

  @Test
  void badValuesNameTheSetting() {
    for (String[] bad : new String[][] {
        {"VIVACE_CORS_ORIGINS", "https://*example.com"}, {"VIVACE_CORS_ORIGINS", "https://app.example.com/"},
        {"VIVACE_CORS_ORIGINS", "app.example.com"}, {"VIVACE_CORS_ORIGINS", "https://*.*.example.com"},
        {"VIVACE_CORS_ORIGINS", "https://a.example.com:*:*"}, {"VIVACE_CORS_ORIGINS", "null"},
        {"VIVACE_CORS_CREDENTIALS", "maybe"}, {"VIVACE_CORS_METHODS", "GET,P UT"},
        {"VIVACE_CORS_HEADERS", "X-A,X:B"}, {"VIVACE_CORS_MAX_AGE", "-1"}, {"VIVACE_CORS_MAX_AGE", "86401"}}) {
      ConfigException e = assertThrows(ConfigException.class, () -> CorsOptions.from(env(bad[0], bad[1])), bad[1]);
      assertTrue(e.getMessage().startsWith(bad[0] + " (system property "), e.getMessage());
    }
  }

  @Test
  void settersCheckThroughTheSameDeclarations() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CorsOptions().origins("https://*example.com"));
    assertTrue(e.getMessage().contains("VIVACE_CORS_ORIGINS"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CorsOptions().maxAgeSeconds(-5));
  }

  @Test
  void anyOriginWithCredentialsFailsTheStart() throws Exception {
    var app = Vivace.app(TestServer.options());
    app.cors(new CorsOptions().origins("*").credentials(true));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> app.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ConfigException, e.getCause().toString());
    assertTrue(e.getCause().getMessage().startsWith("VIVACE_CORS_ORIGINS (system property vivace.cors-origins)"),
        e.getCause().getMessage());
    assertTrue(e.getCause().getMessage().contains("VIVACE_CORS_CREDENTIALS"), e.getCause().getMessage());
  }

  @Test
  void anyOriginWithoutCredentialsAnswersStarAndDoesNotVary() {
    try (TestServer server = TestServer.start(app -> {
      app.cors(new CorsOptions().origins("*"));
      app.get("/x", () -> "x");
    })) {
      HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/x")).header("Origin", "https://any.example"));
      assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals(List.of(), r.headers().allValues("Vary"));
      assertEquals(List.of(), r.headers().allValues("Access-Control-Allow-Credentials"));
      HttpResponse<String> pre = server.send(HttpRequest.newBuilder(server.uri("/x"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", "https://other.example").header("Access-Control-Request-Method", "DELETE"));
      assertEquals(204, pre.statusCode());
      assertEquals("*", pre.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }
  }

  @Test
  void anyHeaderEchoesTheRequestedOnes() {
    try (TestServer server = TestServer.start(app -> {
      app.cors(new CorsOptions().origins("https://a.example").headers(List.of("*")));
      app.get("/x", () -> "x");
    })) {
      HttpResponse<String> pre = server.send(HttpRequest.newBuilder(server.uri("/x"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://a.example")
          .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "x-one,authorization"));
      assertEquals(204, pre.statusCode());
      assertEquals("x-one,authorization", pre.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
    }
  }

  @Test
  void offByDefault() {
    try (TestServer server = TestServer.start(app -> app.get("/x", () -> "x"))) {
      HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/x")).header("Origin", "https://a.example"));
      assertEquals(List.of(), r.headers().allValues("Access-Control-Allow-Origin"));
      assertEquals(List.of(), r.headers().allValues("Vary"));
    }
  }
}
