package io.vivace.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.headers.impl.SecurityHeaders;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The security-headers preset: on every response when on, HSTS over TLS only, values configurable. */
class SecurityHeadersTest {

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void everyResponseGetsThePresetButHstsNotOverPlainHttp() {
    try (TestServer server = TestServer.start(app -> {
      app.securityHeaders(new SecurityHeadersOptions().enabled(true));
      app.get("/x", () -> "x");
    })) {
      for (String path : List.of("/x", "/nowhere")) {
        HttpResponse<String> r = server.get(path);
        assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
        assertEquals("no-referrer", header(r, "Referrer-Policy"), path);
        assertEquals("frame-ancestors 'none'", header(r, "Content-Security-Policy"), path);
        assertEquals(null, header(r, "Strict-Transport-Security"), path);
      }
    }
  }

  @Test
  void valuesAreConfigurableAndOffLeavesAHeaderOut() {
    Config config = new Config(Map.of("VIVACE_SECURITY_HEADERS", "true",
        "VIVACE_SECURITY_REFERRER_POLICY", "strict-origin-when-cross-origin", "VIVACE_SECURITY_CSP", "off"), new Properties());
    try (TestServer server = TestServer.start(app -> {
      app.securityHeaders(SecurityHeadersOptions.from(config));
      app.get("/x", () -> "x");
    })) {
      HttpResponse<String> r = server.get("/x");
      assertEquals("nosniff", header(r, "X-Content-Type-Options"));
      assertEquals("strict-origin-when-cross-origin", header(r, "Referrer-Policy"));
      assertEquals(null, header(r, "Content-Security-Policy"));
    }
  }

  @Test
  void offByDefault() {
    try (TestServer server = TestServer.start(app -> app.get("/x", () -> "x"))) {
      HttpResponse<String> r = server.get("/x");
      assertEquals(null, header(r, "X-Content-Type-Options"));
      assertEquals(null, header(r, "Referrer-Policy"));
    }
  }

  @Test
  void hstsOverTls() throws Exception {
    SecurityHeaders preset = SecurityHeaders.of(new SecurityHeadersOptions().enabled(true).hstsMaxAgeSeconds(86_400));
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
          .requestHandler(req -> {
            preset.apply(req);
            req.response().end("ok");
          });
      int port = tls.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
      // held in a variable until the answer is in: Vert.x closes a client that is no longer reachable
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
      HttpClientResponse r = client.request(HttpMethod.GET, port, "127.0.0.1", "/")
          .compose(req -> req.send())
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals("max-age=86400", r.getHeader("Strict-Transport-Security"));
      assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
      client.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      cert.delete();
    }
  }

  @Test
  void hstsMaxAgeZeroLeavesItOut() {
    assertEquals(0, new SecurityHeadersOptions().hstsMaxAgeSeconds(0).hstsMaxAgeSeconds());
  }

  @Test
  void badValuesNameTheSetting() {
    for (String[] bad : new String[][] {{"VIVACE_SECURITY_HEADERS", "sometimes"},
        {"VIVACE_SECURITY_REFERRER_POLICY", "never"}, {"VIVACE_SECURITY_CSP", "default-src 'self'\u00e9"},
        {"VIVACE_SECURITY_HSTS_MAX_AGE", "-1"}}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> SecurityHeadersOptions.from(new Config(Map.of(bad[0], bad[1]), new Properties())), bad[1]);
      assertTrue(e.getMessage().startsWith(bad[0] + " (system property "), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new SecurityHeadersOptions().referrerPolicy("sometimes"));
  }
}
