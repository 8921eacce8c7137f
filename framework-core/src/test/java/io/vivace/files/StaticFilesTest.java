package io.vivace.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.compression.CompressionOptions;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static files on a real server, read with raw HTTP/1.1 (every byte of the request as written):
 * validators and 304, ranges and multipart ranges, precompressed siblings, index and single-page
 * fallback, and every way out of the root refused with 404.
 */
class StaticFilesTest {
  static final String CSS = "body { color: rebeccapurple; }\n".repeat(100);
  static final String SECRET = "the secret outside the root";

  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path root = Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("secret.txt"), SECRET);
    Files.writeString(root.resolve("app.css"), CSS);
    Files.write(root.resolve("app.css.gz"), gzip(CSS));
    Files.writeString(root.resolve("app.css.br"), "BROTLI-BYTES");
    Files.writeString(root.resolve("digits.txt"), "0123456789");
    Files.writeString(root.resolve(".env"), SECRET);
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
    Files.createDirectories(root.resolve("spa"));
    Files.writeString(root.resolve("spa/index.html"), "<div id=app></div>");
    Files.createSymbolicLink(root.resolve("out.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("outdir"), dir);
    Files.createSymbolicLink(root.resolve("in.txt"), root.resolve("digits.txt"));
    server = TestServer.start(app -> {
      app.files("/assets", StaticFiles.folder(root));
      app.files("/hashed", StaticFiles.folder(root).immutable().precompressed(false));
      app.files("/app", StaticFiles.folder(root.resolve("spa")).spaFallback("index.html"));
      app.files("/cp", StaticFiles.classpath("static-files-test"));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] gzip(String s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** One request on its own connection; {@code headers} as "Name: value" lines. */
  static RawHttp.Response request(String method, String path, String... headers) throws Exception {
    try (RawHttp raw = new RawHttp("127.0.0.1", server.port())) {
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      raw.write(req.append("Connection: close\r\n\r\n").toString());
      RawHttp.Response r = raw.readOne();
      return r;
    }
  }

  static RawHttp.Response get(String path, String... headers) throws Exception {
    return request("GET", path, headers);
  }

  @Test
  void aFileGoesOutWithItsTypeValidatorsAndCachePreset() throws Exception {
    RawHttp.Response r = get("/assets/app.css");
    assertEquals(200, r.status());
    assertEquals(CSS, r.body());
    assertEquals("text/css; charset=utf-8", r.header("content-type"));
    assertTrue(r.header("etag").matches("\"[0-9a-f]+-[0-9a-f]+\""), "strong: " + r.header("etag"));
    assertTrue(r.header("last-modified").endsWith(" GMT"), r.header("last-modified"));
    assertEquals("no-cache", r.header("cache-control"));
    assertEquals("bytes", r.header("accept-ranges"));
    assertEquals("Accept-Encoding", r.header("vary"), "it has precompressed siblings");
    assertEquals("public, max-age=31536000, immutable", get("/hashed/app.css").header("cache-control"));
    assertNull(get("/hashed/app.css").header("vary"), "no siblings looked for");
  }

  @Test
  void validatorsAnswer304() throws Exception {
    RawHttp.Response first = get("/assets/digits.txt");
    String etag = first.header("etag");
    RawHttp.Response byTag = get("/assets/digits.txt", "If-None-Match: \"other\", " + etag);
    assertEquals(304, byTag.status());
    assertEquals("", byTag.body());
    assertEquals(etag, byTag.header("etag"));
    assertEquals("no-cache", byTag.header("cache-control"));
    assertEquals(304, get("/assets/digits.txt", "If-Modified-Since: " + first.header("last-modified")).status());
    assertEquals(200, get("/assets/digits.txt", "If-None-Match: \"other\"").status());
    assertEquals(200, get("/assets/digits.txt", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());
    assertEquals(200, get("/assets/digits.txt", "If-Modified-Since: yesterday").status(), "a bad date is ignored");
  }

  @Test
  void headHasTheHeadersAndNoBody() throws Exception {
    RawHttp.Response r = request("HEAD", "/assets/digits.txt");
    assertEquals(200, r.status());
    assertEquals("10", r.header("content-length"));
    assertEquals("", r.body());
  }

  @Test
  void rangesAnswer206() throws Exception {
    RawHttp.Response one = get("/assets/digits.txt", "Range: bytes=2-4");
    assertEquals(206, one.status());
    assertEquals("234", one.body());
    assertEquals("bytes 2-4/10", one.header("content-range"));
    assertEquals("789", get("/assets/digits.txt", "Range: bytes=-3").body());
    assertEquals("89", get("/assets/digits.txt", "Range: bytes=8-").body());
    assertEquals("89", get("/assets/digits.txt", "Range: bytes=8-100").body(), "clipped to the size");
    RawHttp.Response none = get("/assets/digits.txt", "Range: bytes=10-");
    assertEquals(416, none.status());
    assertEquals("bytes */10", none.header("content-range"));
    assertEquals(200, get("/assets/digits.txt", "Range: bytes=x-y").status(), "bad syntax: ignored");
    assertEquals(200, get("/assets/digits.txt", "Range: lines=1-2").status(), "another unit: ignored");
    String etag = get("/assets/digits.txt").header("etag");
    assertEquals(206, get("/assets/digits.txt", "Range: bytes=0-0", "If-Range: " + etag).status());
    assertEquals(200, get("/assets/digits.txt", "Range: bytes=0-0", "If-Range: \"stale\"").status());
  }

  @Test
  void severalRangesAreOneMultipartBody() throws Exception {
    RawHttp.Response r = get("/assets/digits.txt", "Range: bytes=0-1, 7-8");
    assertEquals(206, r.status());
    String type = r.header("content-type");
    assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
    String boundary = type.substring(type.indexOf('=') + 1);
    assertEquals("\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-1/10\r\n\r\n01"
        + "\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 7-8/10\r\n\r\n78"
        + "\r\n--" + boundary + "--\r\n", r.body());
  }

  @Test
  void precompressedSiblingsFollowAcceptEncoding() throws Exception {
    RawHttp.Response br = get("/assets/app.css", "Accept-Encoding: gzip, br");
    assertEquals("br", br.header("content-encoding"));
    assertEquals("BROTLI-BYTES", br.body());
    assertEquals("text/css; charset=utf-8", br.header("content-type"));
    RawHttp.Response gz = get("/assets/app.css", "Accept-Encoding: gzip, br;q=0");
    assertEquals("gzip", gz.header("content-encoding"));
    assertNotEquals(br.header("etag"), gz.header("etag"), "each encoding has its own tag");
    assertEquals(304, get("/assets/app.css", "Accept-Encoding: br", "If-None-Match: " + br.header("etag")).status());
    RawHttp.Response plain = get("/assets/app.css", "Accept-Encoding: identity");
    assertNull(plain.header("content-encoding"));
    assertEquals(CSS, plain.body());
    RawHttp.Response ranged = get("/assets/app.css", "Accept-Encoding: br", "Range: bytes=0-3");
    assertEquals("body", ranged.body(), "ranges are of the identity encoding");
    assertNull(ranged.header("content-encoding"));
  }

  @Test
  void foldersServeTheirIndexAndTheSinglePageAppGetsItsPage() throws Exception {
    assertEquals("<h1>docs</h1>", get("/assets/docs/").body());
    assertEquals("<h1>docs</h1>", get("/assets/docs").body());
    RawHttp.Response page = get("/app/users/7");
    assertEquals(200, page.status());
    assertEquals("<div id=app></div>", page.body());
    assertEquals("text/html; charset=utf-8", page.header("content-type"));
    assertEquals(404, get("/app/logo.png").status(), "a missing asset is not the page");
    assertEquals(404, get("/assets/nothing.txt").status());
    assertEquals("application/problem+json", get("/assets/nothing.txt").header("content-type"));
  }

  @Test
  void nothingOutsideTheRootIsServed() throws Exception {
    String[] attempts = {"/assets/../secret.txt", "/assets/%2e%2e/secret.txt", "/assets/%2E%2E/secret.txt",
        "/assets/..%2fsecret.txt", "/assets/%2e%2e%2fsecret.txt", "/assets/docs/../../secret.txt",
        "/assets/docs/%2e%2e/%2e%2e/secret.txt", "/assets/..%5csecret.txt", "/assets/%5c..%5csecret.txt",
        "/assets/out.txt", "/assets/outdir/secret.txt", "/assets/.env", "/assets/%2eenv", "/assets/docs/%00",
        "/assets//etc/passwd", "/assets/%2fetc%2fpasswd", "/assets/app.css%00.txt", "/assets/%zz",
        "/assets/%c0%ae%c0%ae/secret.txt"};
    for (String path : attempts) {
      RawHttp.Response r = get(path);
      assertTrue(r.status() == 404 || r.status() == 400, path + " → " + r.status());
      assertFalse(r.body().contains(SECRET), path + " leaked the file");
    }
    assertEquals("0123456789", get("/assets/in.txt").body(), "a link that stays inside the root is followed");
  }

  @Test
  void aSiteWideMountHidesNoOtherRoute() throws Exception {
    try (TestServer site = TestServer.start(app -> {
      app.files("", StaticFiles.folder(dir.resolve("site/spa")).spaFallback("index.html"));
      app.get("/api/ping", () -> "pong"); // declared after the mount
    })) {
      try (RawHttp raw = new RawHttp("127.0.0.1", site.port())) {
        raw.write(RawHttp.get("/api/ping") + RawHttp.get("/health") + RawHttp.get("/openapi.json") + RawHttp.get("/")
            + RawHttp.get("/some/page"));
        List<RawHttp.Response> r = raw.read(5);
        assertEquals("pong", r.get(0).body());
        assertEquals(200, r.get(1).status());
        assertTrue(r.get(1).body().contains("UP") || r.get(1).body().contains("up"), r.get(1).body());
        assertTrue(r.get(2).body().startsWith("{"), "the OpenAPI document: " + r.get(2).body());
        assertEquals("<div id=app></div>", r.get(3).body());
        assertEquals("<div id=app></div>", r.get(4).body());
      }
    }
  }

  @Test
  void aClasspathFolderIsServed() throws Exception {
    RawHttp.Response r = get("/cp/hello.txt");
    assertEquals(200, r.status());
    assertEquals("hello from the class path\n", r.body());
  }

  @Test
  void compressionOnLeavesPrecompressedFilesAloneAndCompressesTheRest() throws Exception {
    try (TestServer compressed = TestServer.start(app -> {
      app.compression(new CompressionOptions().enabled(true));
      app.files("/assets", StaticFiles.folder(dir.resolve("site")));
    })) {
      try (RawHttp raw = new RawHttp("127.0.0.1", compressed.port())) {
        raw.write("GET /assets/app.css HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: br\r\n\r\n");
        RawHttp.Response r = raw.readOne();
        assertEquals("br", r.header("content-encoding"));
        assertEquals("BROTLI-BYTES", r.body());
        raw.write("GET /assets/digits.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("0123456789", raw.readOne().body(), "the connection still works");
      }
    }
  }
}
