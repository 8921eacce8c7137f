package io.vivace.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vivace.files.StaticFiles;
import io.vivace.httpcache.ETags;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entity tags with compression on where Vert.x's compressor encodes: HTTP/2 (cleartext, by prior
 * knowledge or an h2c upgrade; the same path as HTTP/2 over TLS) and, with h2c on, HTTP/1.1
 * connections too. curl is the client (one connection per request).
 */
class CompressionHttp2ETagsTest {
  static final String TEXT = "All work and no play makes Jack a dull boy. ".repeat(100);
  static final String TAG = ETags.of(Buffer.buffer(TEXT));
  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(dir.resolve("big.txt"), TEXT);
    server = TestServer.start(TestServer.options().h2c(true), app -> {
      app.files("/files", StaticFiles.folder(dir));
      app.compression(new CompressionOptions().enabled(true).minSizeBytes(256).level(1));
      app.get("/doc", ETags.IF_NONE_MATCH, inm -> ETags.conditional(inm, TEXT));
      app.get("/weak", () -> Response.text(TEXT).header(ETags.ETAG, "W/\"v1\""));
      app.get("/own", () -> Response.text(TEXT).header(ETags.ETAG, "\"own\"").header("Content-Encoding", "identity"));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The status and headers (names lower case) of curl's {@code GET path} (its last head), the body dropped. */
  static Map<String, String> head(String protocol, String path, String... headers) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", protocol, "-o", "/dev/null", "-D", "-"));
    for (String h : headers) {
      cmd.add("-H");
      cmd.add(h);
    }
    cmd.add("http://127.0.0.1:" + server.port() + path);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("curl did not finish: " + out);
    }
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    Map<String, String> head = new LinkedHashMap<>();
    String[] blocks = out.split("\r\n\r\n");
    String last = blocks[0];
    for (String b : blocks) {
      last = b.startsWith("HTTP/") ? b : last; // after an upgrade: the 101, then the answer
    }
    String[] lines = last.split("\r\n");
    head.put(":status", lines[0].split(" ")[1]);
    head.put(":version", lines[0].split(" ")[0]);
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      head.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return head;
  }

  static String coded(String tag, String coding) {
    return tag.substring(0, tag.length() - 1) + "-" + coding + "\"";
  }

  @Test
  void overHttp2TheTagFollowsTheCodingVertxApplies() throws Exception {
    String h2 = "--http2-prior-knowledge";
    Map<String, String> plain = head(h2, "/doc");
    assertEquals("HTTP/2", plain.get(":version"));
    assertEquals(TAG, plain.get("etag"));
    assertEquals(null, plain.get("content-encoding"));
    Map<String, String> gz = head(h2, "/doc", "Accept-Encoding: gzip");
    assertEquals("gzip", gz.get("content-encoding"));
    assertEquals(coded(TAG, "gzip"), gz.get("etag"));
    Map<String, String> deflate = head(h2, "/doc", "Accept-Encoding: gzip;q=0.2, deflate");
    assertEquals("deflate", deflate.get("content-encoding"));
    assertEquals(coded(TAG, "deflate"), deflate.get("etag"));
    for (String listed : new String[] {TAG, coded(TAG, "gzip")}) {
      Map<String, String> r = head(h2, "/doc", "Accept-Encoding: gzip", "If-None-Match: " + listed);
      assertEquals("304", r.get(":status"), listed);
      assertEquals(listed, r.get("etag"), "the 304 names the form the client holds");
    }
    assertEquals("W/\"v1\"", head(h2, "/weak", "Accept-Encoding: gzip").get("etag"), "weak tags stay");
    Map<String, String> own = head(h2, "/own", "Accept-Encoding: gzip");
    assertEquals(null, own.get("content-encoding"), "identity opts out");
    assertEquals("\"own\"", own.get("etag"), "not encoded: the tag stays");
  }

  @Test
  void overHttp2AStaticFileIsEncodedAndEitherFormValidates() throws Exception {
    String h2 = "--http2-prior-knowledge";
    String identity = head(h2, "/files/big.txt").get("etag");
    Map<String, String> gz = head(h2, "/files/big.txt", "Accept-Encoding: gzip");
    assertEquals("gzip", gz.get("content-encoding"));
    assertEquals(coded(identity, "gzip"), gz.get("etag"));
    for (String listed : new String[] {identity, coded(identity, "gzip")}) {
      Map<String, String> r = head(h2, "/files/big.txt", "Accept-Encoding: gzip", "If-None-Match: " + listed);
      assertEquals("304", r.get(":status"), listed);
      assertEquals(listed, r.get("etag"));
    }
  }

  @Test
  void anUpgradedConnectionAnswersWithCodedTags() throws Exception {
    for (int i = 0; i < 2; i++) {
      Map<String, String> gz = head("--http2", "/doc", "Accept-Encoding: gzip"); // Upgrade: h2c
      assertEquals("HTTP/2", gz.get(":version"), gz.toString());
      assertEquals("gzip", gz.get("content-encoding"));
      assertEquals(coded(TAG, "gzip"), gz.get("etag"));
    }
  }

  @Test
  void withH2cOnHttp11ConnectionsGetCodedTagsToo() throws Exception {
    Map<String, String> gz = head("--http1.1", "/doc", "Accept-Encoding: gzip");
    assertEquals("HTTP/1.1", gz.get(":version"));
    assertEquals("gzip", gz.get("content-encoding"));
    assertEquals(coded(TAG, "gzip"), gz.get("etag"));
    Map<String, String> plain = head("--http1.1", "/doc");
    assertEquals(TAG, plain.get("etag"));
    Map<String, String> own = head("--http1.1", "/own", "Accept-Encoding: gzip");
    assertEquals(null, own.get("content-encoding"));
    assertEquals("\"own\"", own.get("etag"));
    Map<String, String> notModified = head("--http1.1", "/doc", "Accept-Encoding: gzip", "If-None-Match: " + coded(TAG, "gzip"));
    assertEquals("304", notModified.get(":status"));
    assertTrue(notModified.get("etag").endsWith("-gzip\""), notModified.toString());
  }
}
