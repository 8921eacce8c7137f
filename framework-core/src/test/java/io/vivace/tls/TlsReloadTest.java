package io.vivace.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.testing.LogCapture;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates replaced on disk reach new connections without a restart (a half-written pair is
 * skipped, the old certificate stays); the plain-HTTP redirect port; bad TLS settings fail the
 * start naming the setting.
 */
class TlsReloadTest {
  @TempDir
  Path dir;

  @Test
  void replacedFilesReachNewConnectionsWithoutARestart() throws Exception {
    Path[] first = Commands.selfSigned(dir, "first", "first", false);
    Path[] second = Commands.selfSigned(dir, "second", "second", true); // RSA, PKCS#1 key
    Path crt = dir.resolve("live.crt");
    Path key = dir.resolve("live.key");
    Files.copy(first[0], crt);
    Files.copy(first[1], key);
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(app -> {
      app.tls(new TlsOptions().files(crt.toString(), key.toString()).reloadIntervalMs(200));
      app.get("/", () -> "ok");
    })) {
      assertEquals("CN=first", TlsClients.subject(server.port()));
      // Half a replacement: the new certificate with the old key does not match; it is skipped.
      Files.copy(second[0], crt, StandardCopyOption.REPLACE_EXISTING);
      logs.await(e -> e.getFormattedMessage().startsWith("TLS files not reloaded, the current certificate stays: "
          + "VIVACE_TLS_KEY"), java.time.Duration.ofSeconds(30), "the mismatched pair refused");
      assertEquals("CN=first", TlsClients.subject(server.port()), "a mismatched pair is not taken");
      Files.copy(second[1], key, StandardCopyOption.REPLACE_EXISTING);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String seen = TlsClients.subject(server.port());
      while (!seen.equals("CN=second") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        seen = TlsClients.subject(server.port());
      }
      assertEquals("CN=second", seen, "new connections see the new certificate");
      String out = Commands.ok(List.of("curl", "-sS", "--http2", "--cacert", second[0].toString(),
          "https://localhost:" + server.port() + "/"));
      assertEquals("ok", out);
    }
  }

  @Test
  void theRedirectPortSendsClientsToHttps() throws Exception {
    Path[] files = Commands.selfSigned(dir, "server", "server", false);
    int redirect;
    try (ServerSocket free = new ServerSocket(0)) {
      redirect = free.getLocalPort();
    }
    int port = redirect;
    try (TestServer server = TestServer.start(app -> {
      app.tls(new TlsOptions().files(files[0].toString(), files[1].toString()).redirectPort(port));
      app.get("/a", () -> "a");
    })) {
      String out = Commands.ok(List.of("curl", "-sS", "-D", "-", "-o", "/dev/null", "-H", "Host: example.com:8080",
          "http://127.0.0.1:" + redirect + "/a/b?c=d&e"));
      assertTrue(out.startsWith("HTTP/1.1 308"), out);
      assertTrue(out.contains("location: https://example.com:" + server.port() + "/a/b?c=d&e"), out);
      String followed = Commands.ok(List.of("curl", "-sS", "-L", "--cacert", files[0].toString(),
          "http://localhost:" + redirect + "/a"));
      assertEquals("a", followed);
    }
  }

  @Test
  void badFilesAreNamedAtStart() throws Exception {
    Path[] a = Commands.selfSigned(dir, "a", "a", false);
    Path[] b = Commands.selfSigned(dir, "b", "b", false);
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "not a pem file");
    assertStartFails(new TlsOptions().files(dir.resolve("missing.crt").toString(), a[1].toString()),
        "VIVACE_TLS_CERT (system property vivace.tls-cert): cannot read it");
    assertStartFails(new TlsOptions().files(garbage.toString(), a[1].toString()),
        "VIVACE_TLS_CERT (system property vivace.tls-cert): no PEM X.509 certificate");
    assertStartFails(new TlsOptions().files(a[0].toString(), garbage.toString()),
        "VIVACE_TLS_KEY (system property vivace.tls-key): no unencrypted PEM private key");
    assertStartFails(new TlsOptions().files(a[0].toString(), b[1].toString()),
        "VIVACE_TLS_KEY (system property vivace.tls-key): the key does not belong to the certificate of VIVACE_TLS_CERT");
  }

  @Test
  void oneFileWithoutTheOtherIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsOptions.from(new Config(Map.of("VIVACE_TLS_CERT", "/x.pem"), new Properties())));
    assertTrue(e.getMessage().startsWith("VIVACE_TLS_KEY (system property vivace.tls-key): expected"), e.getMessage());
    ConfigException redirect = assertThrows(ConfigException.class,
        () -> TlsOptions.from(new Config(Map.of("VIVACE_TLS_REDIRECT_PORT", "8080"), new Properties())));
    assertTrue(redirect.getMessage().startsWith("VIVACE_TLS_REDIRECT_PORT"), redirect.getMessage());
  }

  private static void assertStartFails(TlsOptions tls, String message) throws Exception {
    App app = Vivace.app(TestServer.options());
    app.tls(tls);
    app.get("/", () -> "x");
    Throwable failure = app.start().toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get(30, TimeUnit.SECONDS);
    Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
    assertTrue(cause instanceof ConfigException, String.valueOf(cause));
    assertTrue(cause.getMessage().startsWith(message), cause.getMessage());
    app.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
