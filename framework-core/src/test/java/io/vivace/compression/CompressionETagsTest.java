package io.vivace.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vivace.extract.Body;
import io.vivace.files.StaticFiles;
import io.vivace.httpcache.ETags;
import io.vivace.httpcache.Preconditions;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entity tags with compression on (RFC 9110 §8.8.3): the compressed answer's strong tag carries its
 * coding, and {@code If-None-Match}, {@code If-Match} and static files' validators see both forms
 * as one entity, on HTTP/1.1. ({@link CompressionHttp2ETagsTest}: HTTP/2 and h2c.)
 */
class CompressionETagsTest {
  static final String TEXT = "All work and no play makes Jack a dull boy. ".repeat(100);
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final AtomicReference<String> NOTE = new AtomicReference<>(TEXT);
  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(dir.resolve("big.txt"), TEXT);
    server = TestServer.start(app -> {
      app.compression(new CompressionOptions().enabled(true).minSizeBytes(256).level(1));
      app.get("/doc", ETags.IF_NONE_MATCH, inm -> ETags.conditional(inm, TEXT));
      app.get("/small", ETags.IF_NONE_MATCH, inm -> ETags.conditional(inm, "short"));
      app.get("/weak", () -> Response.text(TEXT).header(ETags.ETAG, "W/\"v1\""));
      app.get("/note", ETags.IF_NONE_MATCH, inm -> ETags.conditional(inm, NOTE.get()));
      app.put("/note", Preconditions.IF_MATCH, Body.text(), (ifMatch, text) -> {
        Preconditions.check(ifMatch, ETags.of(Buffer.buffer(NOTE.get()))); // 412 when it changed
        NOTE.set(text);
        return ETags.conditional(null, text);
      });
      app.files("/files", StaticFiles.folder(dir));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** GET {@code path} with header name/value pairs. */
  static HttpResponse<byte[]> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(server.uri(path)), headers);
  }

  static HttpResponse<byte[]> send(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  /** {@code tag} with {@code -coding} inside its quotes. */
  static String coded(String tag, String coding) {
    return tag.substring(0, tag.length() - 1) + "-" + coding + "\"";
  }

  static String gunzip(byte[] body) throws IOException {
    return new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aCompressedAnswersStrongTagCarriesItsCoding() throws IOException {
    String identity = header(get("/doc"), "ETag");
    assertEquals(ETags.of(Buffer.buffer(TEXT)), identity, "the identity answer keeps the tag of its bytes");
    HttpResponse<byte[]> gz = get("/doc", "Accept-Encoding", "gzip");
    assertEquals("gzip", header(gz, "Content-Encoding"));
    assertEquals(TEXT, gunzip(gz.body()));
    assertEquals(coded(identity, "gzip"), header(gz, "ETag"));
    HttpResponse<byte[]> deflate = get("/doc", "Accept-Encoding", "gzip;q=0.5, deflate");
    assertEquals("deflate", header(deflate, "Content-Encoding"));
    assertEquals(coded(identity, "deflate"), header(deflate, "ETag"));
    HttpResponse<byte[]> small = get("/small", "Accept-Encoding", "gzip");
    assertEquals(null, header(small, "Content-Encoding"), "under the minimum size: sent as it is");
    assertEquals(ETags.of(Buffer.buffer("short")), header(small, "ETag"), "so its tag stays");
    HttpResponse<byte[]> weak = get("/weak", "Accept-Encoding", "gzip");
    assertEquals("gzip", header(weak, "Content-Encoding"));
    assertEquals("W/\"v1\"", header(weak, "ETag"), "a weak tag stays as it is");
  }

  @Test
  void ifNoneMatchWithEitherFormIs304() {
    String identity = ETags.of(Buffer.buffer(TEXT));
    for (String accept : new String[] {"identity", "gzip", "deflate"}) {
      for (String listed : new String[] {identity, coded(identity, "gzip"), coded(identity, "deflate"),
          "\"other\", " + coded(identity, "gzip")}) {
        HttpResponse<byte[]> r = get("/doc", "Accept-Encoding", accept, "If-None-Match", listed);
        assertEquals(304, r.statusCode(), accept + " / " + listed);
        assertEquals(0, r.body().length);
        assertTrue(listed.endsWith(header(r, "ETag")), "the 304 names the form the client holds: " + header(r, "ETag"));
      }
      HttpResponse<byte[]> weak = get("/doc", "Accept-Encoding", accept, "If-None-Match", "W/" + coded(identity, "gzip"));
      assertEquals(304, weak.statusCode(), "weak comparison");
      assertEquals(coded(identity, "gzip"), header(weak, "ETag"));
      assertEquals(200, get("/doc", "Accept-Encoding", accept, "If-None-Match", "\"stale-gzip\"").statusCode());
    }
  }

  @Test
  void ifMatchTakesTheCompressedFormAndRefusesAStaleOne() {
    NOTE.set(TEXT);
    HttpResponse<byte[]> read = get("/note", "Accept-Encoding", "gzip");
    String tag = header(read, "ETag");
    assertTrue(tag.endsWith("-gzip\""), tag);
    String v2 = TEXT + "v2";
    HttpResponse<byte[]> put = send(HttpRequest.newBuilder(server.uri("/note")).PUT(HttpRequest.BodyPublishers.ofString(v2)),
        "If-Match", tag, "Accept-Encoding", "gzip");
    assertEquals(200, put.statusCode(), "the compressed answer's tag is the current state's");
    assertEquals(coded(ETags.of(Buffer.buffer(v2)), "gzip"), header(put, "ETag"), "the new tag, coded like its body");
    HttpResponse<byte[]> stale = send(HttpRequest.newBuilder(server.uri("/note"))
        .PUT(HttpRequest.BodyPublishers.ofString(TEXT + "v3")), "If-Match", tag);
    assertEquals(412, stale.statusCode(), "the old tag is spent");
    HttpResponse<byte[]> weak = send(HttpRequest.newBuilder(server.uri("/note"))
        .PUT(HttpRequest.BodyPublishers.ofString(TEXT + "v3")), "If-Match", "W/" + header(put, "ETag"));
    assertEquals(412, weak.statusCode(), "a weak tag never matches If-Match");
    assertEquals(200, send(HttpRequest.newBuilder(server.uri("/note")).PUT(HttpRequest.BodyPublishers.ofString(TEXT + "v3")),
        "If-Match", header(put, "ETag")).statusCode());
    assertEquals(TEXT + "v3", NOTE.get());
  }

  @Test
  void staticFilesKeepTheirTagOverHttp11AndTakeEitherFormInIfNoneMatch() throws IOException {
    String identity = header(get("/files/big.txt"), "ETag");
    HttpResponse<byte[]> file = get("/files/big.txt", "Accept-Encoding", "gzip");
    assertEquals(null, header(file, "Content-Encoding"), "a file goes by sendfile, as it is");
    assertEquals(TEXT, new String(file.body(), StandardCharsets.UTF_8));
    assertEquals(identity, header(file, "ETag"));
    String coded = coded(identity, "gzip"); // as HTTP/2's compressor sends it
    for (String listed : new String[] {coded, identity}) {
      HttpResponse<byte[]> r = get("/files/big.txt", "Accept-Encoding", "gzip", "If-None-Match", listed);
      assertEquals(304, r.statusCode(), listed);
      assertEquals(listed, header(r, "ETag"));
    }
    HttpResponse<byte[]> range = get("/files/big.txt", "Accept-Encoding", "gzip", "Range", "bytes=0-7", "If-Range", identity);
    assertEquals(206, range.statusCode(), "If-Range with the identity tag: the range");
    assertEquals(null, header(range, "Content-Encoding"));
    assertEquals("All work", new String(range.body(), StandardCharsets.UTF_8));
    HttpResponse<byte[]> whole = get("/files/big.txt", "Range", "bytes=0-7", "If-Range", coded);
    assertEquals(200, whole.statusCode(), "a part of a compressed answer cannot be completed by identity bytes");
    assertEquals(TEXT, new String(whole.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aRangeIsNeverEncodedAndAFileIsIntactAtMinimumSizeZero() throws IOException {
    try (TestServer zero = TestServer.start(app -> {
      app.compression(new CompressionOptions().enabled(true).minSizeBytes(0));
      app.files("/files", StaticFiles.folder(dir));
      app.get("/part", () -> Response.text("All work").withStatus(206).header("Content-Range", "bytes 0-7/4400"));
      app.get("/doc", () -> TEXT);
    })) {
      HttpResponse<byte[]> file = send(HttpRequest.newBuilder(zero.uri("/files/big.txt")), "Accept-Encoding", "gzip");
      assertEquals(null, header(file, "Content-Encoding"));
      assertEquals(TEXT, new String(file.body(), StandardCharsets.UTF_8), "not labelled gzip around raw bytes");
      HttpResponse<byte[]> part = send(HttpRequest.newBuilder(zero.uri("/part")), "Accept-Encoding", "gzip");
      assertEquals(206, part.statusCode());
      assertEquals(null, header(part, "Content-Encoding"), "Content-Range counts identity bytes");
      assertEquals("All work", new String(part.body(), StandardCharsets.UTF_8));
      HttpResponse<byte[]> doc = send(HttpRequest.newBuilder(zero.uri("/doc")), "Accept-Encoding", "gzip");
      assertEquals("gzip", header(doc, "Content-Encoding"), "other bodies are encoded");
      assertEquals(TEXT, gunzip(doc.body()));
    }
  }
}
