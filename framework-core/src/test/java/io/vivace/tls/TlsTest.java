package io.vivace.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vivace.compression.CompressionOptions;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.headers.SecurityHeadersOptions;
import io.vivace.testing.TestServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's port over TLS, with real clients: curl over HTTP/2 and HTTP/1.1 (a static route, a
 * routed one with a path parameter and a body, compression, HSTS), openssl s_client for the
 * protocols and ALPN offered, h2load for many streams over a few connections, and a raw TLS socket
 * for the strict HTTP/1.1 decoder.
 */
class TlsTest {
  @TempDir
  static java.nio.file.Path dir;
  static java.nio.file.Path cert;
  static TestServer server;

  @com.dslplatform.json.CompiledJson
  public record Hello(String message) {
  }

  @BeforeAll
  static void start() throws Exception {
    java.nio.file.Path[] files = Commands.selfSigned(dir, "server", "vivace tls test", false);
    cert = files[0];
    String big = "x".repeat(4_000);
    server = TestServer.start(TestServer.options().idleTimeoutSeconds(2), app -> {
      app.tls(new TlsOptions().files(files[0].toString(), files[1].toString()));
      app.securityHeaders(new SecurityHeadersOptions().enabled(true));
      app.compression(new CompressionOptions().enabled(true));
      app.get("/json", () -> new Hello("Hello, World!"));
      app.get("/big", () -> big);
      app.files("/files", io.vivace.files.StaticFiles.folder(dir));
      app.post("/echo/:name", Path.string("name"), Body.text(), (name, body) -> name + ":" + body);
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  String url(String path) {
    return "https://localhost:" + server.port() + path;
  }

  List<String> curl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "--cacert", cert.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void curlSpeaksHttp2ToAStaticRouteAndGetsHsts() throws Exception {
    String out = Commands.ok(curl("--http2", "-D", "-", "-w", "\n%{http_version}", url("/json")));
    assertTrue(out.startsWith("HTTP/2 200"), out);
    assertTrue(out.contains("{\"message\":\"Hello, World!\"}"), out);
    assertTrue(out.toLowerCase().contains("strict-transport-security: max-age=31536000"), out);
    assertTrue(out.endsWith("\n2"), out);
  }

  @Test
  void curlSpeaksHttp11OverTlsWhenAsked() throws Exception {
    String out = Commands.ok(curl("--http1.1", "-D", "-", "-w", "\n%{http_version}", url("/json")));
    assertTrue(out.startsWith("HTTP/1.1 200"), out);
    assertTrue(out.toLowerCase().contains("strict-transport-security: max-age=31536000"), out);
    assertTrue(out.endsWith("\n1.1"), out);
  }

  @Test
  void aRoutedRouteWithABodyWorksOverHttp2() throws Exception {
    String out = Commands.ok(curl("--http2", "-w", "\n%{http_version}", "-H", "Content-Type: text/plain",
        "--data-binary", "hi there", url("/echo/ann")));
    assertEquals("ann:hi there\n2", out);
    String missing = Commands.ok(curl("--http2", "-o", "/dev/null", "-w", "%{http_code}", url("/nope")));
    assertEquals("404", missing);
  }

  @Test
  void staticFilesAndRangesWorkOverHttp2() throws Exception {
    String out = Commands.ok(curl("--http2", "-w", "\n%{http_version}", url("/files/server.crt")));
    assertEquals(Files.readString(cert) + "\n2", out);
    String range = Commands.ok(curl("--http2", "-r", "5-9", "-D", "-", url("/files/server.crt")));
    assertTrue(range.startsWith("HTTP/2 206"), range);
    assertTrue(range.endsWith(Files.readString(cert).substring(5, 10)), range);
    String head = Commands.ok(curl("--http2", "-I", url("/files/server.crt")));
    assertTrue(head.contains("content-length: " + Files.size(cert)), head);
  }

  @Test
  void compressionWorksOverBothProtocols() throws Exception {
    for (String v : new String[] {"--http2", "--http1.1"}) {
      String out = Commands.ok(curl(v, "--compressed", "-D", "-", url("/big")));
      assertTrue(out.toLowerCase().contains("content-encoding: gzip"), v + ": " + out);
      assertTrue(out.endsWith("x".repeat(4_000)), v + ": the body decompresses");
    }
  }

  @Test
  void opensslSeesTls13And12OfferedAnd10And11Refused() throws Exception {
    String connect = "127.0.0.1:" + server.port();
    for (String v : new String[] {"-tls1_3", "-tls1_2"}) {
      Commands.Result r = Commands.run(List.of("openssl", "s_client", "-connect", connect, v, "-alpn", "h2,http/1.1",
          "-servername", "localhost"), "", 30);
      assertEquals(0, r.exit(), v + ": " + r.out());
      assertTrue(r.out().contains("ALPN protocol: h2"), v + ": " + r.out());
      assertTrue(r.out().contains("Protocol  : " + (v.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2"))
          || r.out().contains("New, TLSv1." + (v.equals("-tls1_3") ? "3" : "2")), v + ": " + r.out());
    }
    // The client's own security level would refuse the old versions; lowered, only the server can.
    for (String v : new String[] {"-tls1_1", "-tls1"}) {
      Commands.Result r = Commands.run(List.of("openssl", "s_client", "-connect", connect, v,
          "-cipher", "DEFAULT@SECLEVEL=0"), "", 30);
      assertNotEquals(0, r.exit(), v + " must be refused: " + r.out());
      assertTrue(r.out().contains("alert protocol version") || r.out().contains("no protocols available")
          || r.out().contains("handshake failure"), v + ": " + r.out());
    }
    Commands.Result h1 = Commands.run(List.of("openssl", "s_client", "-connect", connect, "-alpn", "http/1.1"), "", 30);
    assertTrue(h1.out().contains("ALPN protocol: http/1.1"), h1.out());
  }

  @Test
  void aWeakCipherIsRefused() throws Exception {
    Commands.Result r = Commands.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
        "-tls1_2", "-cipher", "AES128-SHA:ECDHE-ECDSA-AES128-SHA@SECLEVEL=0"), "", 30);
    assertNotEquals(0, r.exit(), "CBC suites are not offered: " + r.out());
  }

  @Test
  void h2loadRunsManyStreamsOverHttp2() throws Exception {
    String h2load = Commands.h2load();
    assumeTrue(h2load != null, "h2load cannot be installed (see the reason printed above)");
    String out = Commands.ok(List.of(h2load, "-n", "400", "-c", "4", "-m", "10", url("/json")));
    assertTrue(out.contains("Application protocol: h2"), out);
    assertTrue(out.contains("400 succeeded, 0 failed, 0 errored"), out);
    assertTrue(out.contains("status codes: 400 2xx"), out);
  }

  @Test
  void theStrictDecoderAnswersMalformedHttp11OverTls() throws Exception {
    String out = TlsClients.exchange(server.port(),
        "POST /echo/a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertTrue(out.startsWith("HTTP/1.1 400"), out);
    assertTrue(out.contains("application/problem+json"), out);
    String ok = TlsClients.exchange(server.port(), "GET /json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
  }

  @Test
  void idleConnectionsOfBothProtocolsAreClosed() throws Exception {
    for (String alpn : new String[] {"h2", "http/1.1"}) {
      long t0 = System.nanoTime();
      try (javax.net.ssl.SSLSocket s = TlsClients.connect(server.port(), alpn)) {
        assertEquals(alpn, s.getApplicationProtocol());
        if (alpn.equals("h2")) { // the client's preface (RFC 9113 §3.4) and an empty SETTINGS frame, as clients send
          s.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          s.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
          s.getOutputStream().flush();
        }
        byte[] buf = new byte[1024];
        while (s.getInputStream().read(buf) >= 0) { // h2: the server's SETTINGS, then the end (20 s socket timeout)
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 1_500, alpn + ": closed after " + ms + " ms, the idle timeout is 2 s");
      }
    }
  }

  @Test
  void aClientThatNegotiatesH2AndSendsNoPrefaceIsClosedAtTheIdleTimeout() throws Exception {
    long t0 = System.nanoTime();
    try (javax.net.ssl.SSLSocket s = TlsClients.connect(server.port(), "h2")) {
      assertEquals("h2", s.getApplicationProtocol());
      // no preface: the server has no HTTP/2 connection yet, only the TLS session; it may send its
      // own SETTINGS, then must close (a 20 s socket timeout fails the test)
      byte[] buf = new byte[1024];
      while (s.getInputStream().read(buf) >= 0) {
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 1_500 && ms < 10_000, "closed after " + ms + " ms, the idle timeout is 2 s");
    }
  }
}
