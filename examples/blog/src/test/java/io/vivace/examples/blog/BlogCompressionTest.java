package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.compression.CompressionOptions;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blog with compression on: a post read compressed carries its coded ETag ({@code "…-gzip"}),
 * which {@code If-None-Match} and the {@code If-Match} of {@code PUT /posts/:id} accept as the
 * post's tag; a stale one still gets 412.
 */
class BlogCompressionTest {
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final String LONG = "A post long enough to be compressed. ".repeat(20);
  static TestServer server;
  static DatabaseUrl url;
  static String writer;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabase.fresh();
    App app = BlogApp.create(TestServer.options(), new DbOptions().url(url), null, BlogWritesTest.AUTH);
    app.compression(new CompressionOptions().enabled(true).minSizeBytes(256));
    server = TestServer.started(app);
    server.postJson("/auth/signup", "{\"email\":\"zip@example.com\",\"password\":\"a long password\"}");
    writer = (String) JsonTree.object(server.postJson("/auth/login",
        "{\"email\":\"zip@example.com\",\"password\":\"a long password\"}").body()).get("accessToken");
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static HttpResponse<byte[]> send(HttpRequest.Builder b, String... headers) throws Exception {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> put(long id, String body, String ifMatch) throws Exception {
    return send(HttpRequest.newBuilder(server.uri("/posts/" + id)).PUT(HttpRequest.BodyPublishers.ofString(
        "{\"title\":\"Zipped\",\"body\":\"" + body + "\"}")), "Content-Type", "application/json",
        "Authorization", "Bearer " + writer, "Accept-Encoding", "gzip", "If-Match", ifMatch);
  }

  static String text(HttpResponse<byte[]> r) throws IOException {
    boolean gzip = "gzip".equals(r.headers().firstValue("Content-Encoding").orElse(null));
    byte[] bytes = gzip ? new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes() : r.body();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + r.headers().map()));
  }

  @Test
  void putWithIfMatchTakesTheTagOfTheCompressedRead() throws Exception {
    HttpResponse<byte[]> created = send(HttpRequest.newBuilder(server.uri("/posts")).POST(HttpRequest.BodyPublishers.ofString(
        "{\"title\":\"Zipped\",\"body\":\"" + LONG + "\"}")), "Content-Type", "application/json", "Authorization", "Bearer " + writer);
    assertEquals(201, created.statusCode(), text(created));
    long id = (Long) JsonTree.object(text(created)).get("id");

    String identity = etag(send(HttpRequest.newBuilder(server.uri("/posts/" + id))));
    HttpResponse<byte[]> read = send(HttpRequest.newBuilder(server.uri("/posts/" + id)), "Accept-Encoding", "gzip");
    assertEquals("gzip", read.headers().firstValue("Content-Encoding").orElseThrow());
    String tag = etag(read);
    assertEquals(identity.substring(0, identity.length() - 1) + "-gzip\"", tag, "the compressed answer's own tag");
    assertEquals(LONG, JsonTree.object(text(read)).get("body"));
    for (String listed : new String[] {tag, identity}) {
      assertEquals(304, send(HttpRequest.newBuilder(server.uri("/posts/" + id)), "Accept-Encoding", "gzip",
          "If-None-Match", listed).statusCode(), listed);
    }

    HttpResponse<byte[]> ok = put(id, LONG + " v2", tag);
    assertEquals(200, ok.statusCode(), text(ok));
    String next = etag(ok);
    assertTrue(next.endsWith("-gzip\""), "the answer is compressed, its tag says so: " + next);
    HttpResponse<byte[]> stale = put(id, LONG + " v3", tag);
    assertEquals(412, stale.statusCode(), "the old tag is spent, coded or not");
    assertTrue(((String) JsonTree.object(text(stale)).get("detail")).contains("If-Match"), text(stale));
    assertEquals(412, put(id, LONG + " v3", "W/" + next).statusCode(), "weak never matches");
    assertEquals(200, put(id, LONG + " v3", next).statusCode());
    assertEquals(LONG + " v3", JsonTree.object(text(send(HttpRequest.newBuilder(server.uri("/posts/" + id))))).get("body"));
  }
}
