package io.vivace.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vivace.response.Response;
import io.vivace.response.Streamed;
import io.vivace.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compression on a real server, decoded by the test: the coding follows {@code Accept-Encoding}
 * (q-values included), small bodies and already-compressed or unlisted types are sent as they are.
 */
class CompressionTest {
  static final String TEXT = "All work and no play makes Jack a dull boy. ".repeat(100);
  static final byte[] PNG = new byte[4096];
  static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();
  static TestServer server;

  @BeforeAll
  static void start() {
    new java.util.Random(1).nextBytes(PNG);
    server = TestServer.start(app -> {
      app.compression(new CompressionOptions().enabled(true).minSizeBytes(256).level(1));
      app.get("/text", () -> TEXT);
      app.get("/small", () -> "short");
      app.get("/sized", () -> Response.text(TEXT)); // with its own Content-Length
      app.get("/json", () -> Map.of("text", TEXT));
      app.get("/png", () -> Response.bytes(Buffer.buffer(PNG), "image/png"));
      app.get("/octets", () -> Buffer.buffer(TEXT));
      app.get("/opt-out", () -> Response.text(TEXT).header("Content-Encoding", "identity"));
      app.get("/stream", () -> new Streamed() {
        @Override
        public String contentType() {
          return "text/plain";
        }

        @Override
        public io.vertx.core.Future<Void> writeTo(io.vertx.core.http.HttpServerResponse out) {
          return out.write(Buffer.buffer(TEXT)).compose(v -> out.end(Buffer.buffer(TEXT)));
        }
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> get(String path, String acceptEncoding) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String coding(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Encoding").orElse(null);
  }

  static byte[] decode(HttpResponse<byte[]> r) throws IOException {
    String coding = coding(r);
    InputStream in = new ByteArrayInputStream(r.body());
    if ("gzip".equals(coding)) {
      in = new GZIPInputStream(in);
    } else if ("deflate".equals(coding)) {
      in = new InflaterInputStream(in);
    }
    return in.readAllBytes();
  }

  @Test
  void gzipWhenAsked() throws IOException {
    HttpResponse<byte[]> r = get("/text", "gzip");
    assertEquals("gzip", coding(r));
    assertTrue(r.body().length < TEXT.length() / 4, "compressed to " + r.body().length);
    assertEquals(TEXT, new String(decode(r), StandardCharsets.UTF_8));
    assertEquals(List.of("Accept-Encoding"), r.headers().allValues("Vary"));
  }

  @Test
  void aResponseWithItsOwnContentLengthIsCompressedWithTheRightLength() throws IOException {
    HttpResponse<byte[]> r = get("/sized", "gzip");
    assertEquals("gzip", coding(r));
    assertEquals(TEXT, new String(decode(r), StandardCharsets.UTF_8));
    r.headers().firstValue("Content-Length").ifPresent(n -> assertEquals(r.body().length, Integer.parseInt(n)));
  }

  @Test
  void deflateWhenPreferred() throws IOException {
    HttpResponse<byte[]> r = get("/json", "gzip;q=0.5, deflate");
    assertEquals("deflate", coding(r));
    assertTrue(new String(decode(r), StandardCharsets.UTF_8).contains(TEXT));
  }

  @Test
  void noCodingWithoutAcceptEncodingWithIdentityOrWithQZero() throws IOException {
    for (String accept : new String[] {null, "identity", "gzip;q=0", "gzip;q=0, deflate;q=0", "br"}) {
      HttpResponse<byte[]> r = get("/text", accept);
      assertEquals(null, coding(r), accept);
      assertEquals(TEXT, new String(r.body(), StandardCharsets.UTF_8), accept);
    }
  }

  @Test
  void theOtherCodingWhenOneIsRefused() throws IOException {
    HttpResponse<byte[]> r = get("/text", "gzip;q=0, deflate");
    assertEquals("deflate", coding(r));
    assertEquals(TEXT, new String(decode(r), StandardCharsets.UTF_8));
  }

  @Test
  void bodiesUnderTheMinimumSizeAreSentAsTheyAre() {
    HttpResponse<byte[]> r = get("/small", "gzip, deflate");
    assertEquals(null, coding(r));
    assertEquals("short", new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void alreadyCompressedAndUnlistedTypesAreSentAsTheyAre() {
    HttpResponse<byte[]> png = get("/png", "gzip, deflate");
    assertEquals(null, coding(png));
    assertArrayEquals(PNG, png.body());
    assertEquals(List.of(), png.headers().allValues("Vary"));
    HttpResponse<byte[]> octets = get("/octets", "gzip");
    assertEquals(null, coding(octets));
    assertEquals(TEXT, new String(octets.body(), StandardCharsets.UTF_8));
  }

  @Test
  void contentEncodingIdentityOptsOut() {
    HttpResponse<byte[]> r = get("/opt-out", "gzip");
    assertEquals(null, coding(r));
    assertEquals(TEXT, new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void streamedBodiesAreCompressedWhole() throws IOException {
    HttpResponse<byte[]> r = get("/stream", "gzip");
    assertEquals("gzip", coding(r));
    assertEquals(TEXT + TEXT, new String(decode(r), StandardCharsets.UTF_8));
  }

  @Test
  void problemsAreCompressedWhenLargeEnough() throws IOException {
    HttpResponse<byte[]> r = get("/" + "x".repeat(400), "gzip");
    assertEquals(404, r.statusCode());
    assertEquals("gzip", coding(r));
    assertTrue(new String(decode(r), StandardCharsets.UTF_8).contains("\"status\":404"));
  }

  @Test
  void offByDefault() {
    try (TestServer plain = TestServer.start(app -> app.get("/text", () -> TEXT))) {
      HttpResponse<String> r = plain.send(HttpRequest.newBuilder(plain.uri("/text")).header("Accept-Encoding", "gzip"));
      assertEquals(List.of(), r.headers().allValues("Content-Encoding"));
      assertEquals(TEXT, r.body());
    }
  }
}
