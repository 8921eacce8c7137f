package io.vivace.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.cache.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: a real redis-server listening with TLS only, its certificate (for
 * {@code localhost}) signed by a certificate authority this test makes with openssl.
 */
class TlsTest {
  @TempDir
  static Path tmp;
  static Process server;
  static int port;
  static Path ca;

  @BeforeAll
  static void startRedisWithTls() throws Exception {
    ca = tmp.resolve("ca.crt");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve("ca.key").toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=vivace test CA");
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve("server.key").toString(), "-out", tmp.resolve("server.csr").toString(), "-subj", "/CN=localhost");
    Files.writeString(tmp.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509", "-req", "-in", tmp.resolve("server.csr").toString(), "-CA", ca.toString(),
        "-CAkey", tmp.resolve("ca.key").toString(), "-CAcreateserial", "-out", tmp.resolve("server.crt").toString(),
        "-days", "2", "-extfile", tmp.resolve("san.ext").toString());
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
        "--bind", "127.0.0.1", "--tls-cert-file", tmp.resolve("server.crt").toString(),
        "--tls-key-file", tmp.resolve("server.key").toString(), "--tls-ca-cert-file", ca.toString(),
        "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", tmp.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("redis.log").toFile()).start();
    Await.until(Duration.ofSeconds(15), "redis-server listens with TLS", () -> server.isAlive() && accepts(port));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void redissWithTheServersAuthorityConnects() throws Exception {
    Redis redis = Redis.create(new RedisOptions("rediss://localhost:" + port + "?sslrootcert=" + ca)
        .keyPrefix("tls-test:"));
    redis.start().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    try {
      Await.until(Duration.ofSeconds(15), "the tier connects over TLS", redis::up);
      Cache<Integer, Item> cache = Cache.<Integer, Item>builder("tls")
          .redis(redis, KeyCodec.INTEGER, Codec.json(Item.class)).build();
      cache.put(1, new Item(1, "over TLS")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(redis.up());
    } finally {
      redis.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theCertificateIsVerified() throws Exception {
    for (String url : new String[] {
        "rediss://127.0.0.1:" + port + "?sslrootcert=" + ca, // the certificate is for localhost only
        "rediss://localhost:" + port}) {                       // an authority the JVM does not trust
      Redis redis = Redis.create(new RedisOptions(url));
      redis.start().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      try {
        Thread.sleep(500); // give a wrongly accepted handshake the time to complete
        assertFalse(redis.up(), url);
      } finally {
        redis.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
    assertEquals(true, server.isAlive());
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + cmd + ": " + out);
  }
}
