package io.vivace.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strong ETags from the bytes, If-None-Match → 304 with no body, Cache-Control and Vary. */
class ETagsTest {
  @CompiledJson
  public record Post(long id, String title) {
  }

  private static final CharSequence ONE_MINUTE = CacheControl.publicMaxAge(Duration.ofMinutes(1));
  private static final CharSequence VARY = CacheControl.vary("Accept");
  private static volatile String title = "first";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      // tag::etag-route[]
      app.get("/posts", ETags.IF_NONE_MATCH, inm -> Future.succeededFuture(List.of(new Post(1, title)))
          .map(list -> ETags.conditional(inm, list).header(CacheControl.CACHE_CONTROL, ONE_MINUTE)
              .header(CacheControl.VARY, VARY)));
      // end::etag-route[]
      app.get("/linked", ETags.IF_NONE_MATCH,
          inm -> ETags.conditional(inm, Response.ok(new Post(2, "b")).header("Link", "</linked?page=2>; rel=\"next\"")));
      app.get("/text", ETags.IF_NONE_MATCH, inm -> ETags.conditional(inm, Response.ok("plain")));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String ifNoneMatch) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return server.send(b);
  }

  @Test
  void aMatchingIfNoneMatchGets304WithTheTagAndNoBody() {
    title = "first";
    HttpResponse<String> full = get("/posts", null);
    assertEquals(200, full.statusCode());
    assertEquals("[{\"id\":1,\"title\":\"first\"}]", full.body());
    assertEquals("application/json", full.headers().firstValue("Content-Type").orElseThrow());
    String etag = full.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
    assertEquals("public, max-age=60", full.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("Accept", full.headers().firstValue("Vary").orElseThrow());

    HttpResponse<String> notModified = get("/posts", etag);
    assertEquals(304, notModified.statusCode());
    assertEquals("", notModified.body());
    assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
    assertEquals("public, max-age=60", notModified.headers().firstValue("Cache-Control").orElseThrow(),
        "a 304 carries the Cache-Control and Vary a 200 would have (RFC 9110 §15.4.5)");

    assertEquals(304, get("/posts", "\"other\", W/" + etag).statusCode(), "weak comparison, in a list");
    assertEquals(304, get("/posts", "*").statusCode());
    assertEquals(200, get("/posts", "\"other\"").statusCode());

    title = "changed";
    HttpResponse<String> changed = get("/posts", etag);
    assertEquals(200, changed.statusCode(), "new bytes, new tag");
    assertNotEquals(etag, changed.headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void aResponseKeepsItsHeadersAndContentType() {
    HttpResponse<String> r = get("/linked", null);
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.headers().firstValue("Link").isPresent());
    assertEquals(304, get("/linked", r.headers().firstValue("ETag").orElseThrow()).statusCode());
    HttpResponse<String> text = get("/text", null);
    assertEquals("text/plain; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("plain", text.body());
  }

  @Test
  void tagsDependOnEveryByteAndMatchingFollowsRfc9110() {
    String a = ETags.of(Buffer.buffer("x".repeat(20_000)));
    assertEquals(a, ETags.of(Buffer.buffer("x".repeat(20_000))));
    assertNotEquals(a, ETags.of(Buffer.buffer("x".repeat(19_999) + "y")), "a change after the first 8 KB counts");
    assertTrue(ETags.matches(a, a));
    assertTrue(ETags.matches(" W/" + a + " ", a));
    assertFalse(ETags.matches(null, a));
    assertFalse(ETags.matches("", a));
    assertFalse(ETags.matches("garbage", a));
    assertFalse(ETags.matches("\"unterminated", a));
    assertFalse(ETags.matches(a.substring(0, a.length() - 2) + "\"", a));
  }

  @Test
  void aCodedFormOfTheTagIsTheSameEntityAndIsWhatA304Carries() {
    String a = ETags.of(Buffer.buffer("coded"));
    String gzip = a.substring(0, a.length() - 1) + "-gzip\"";
    String deflate = a.substring(0, a.length() - 1) + "-deflate\"";
    assertEquals(a, ETags.matching(a, a), "the same tag: itself");
    assertTrue(ETags.matching(a, a) == a, "no copy");
    assertEquals(a, ETags.matching("*", a));
    assertEquals(gzip, ETags.matching(gzip, a), "the compressed answer's tag: the client's form goes back");
    assertEquals(gzip, ETags.matching("W/" + gzip, a), "weak comparison; the 304 names the strong tag");
    assertEquals(deflate, ETags.matching("\"other\", " + deflate, a));
    assertTrue(ETags.matches(gzip, a));
    assertEquals(a, ETags.matching(a, gzip), "either side may be coded");
    String file = "\"a-18c\"";
    assertEquals(file, ETags.matching(file, "\"a-18c-gz\""), "a precompressed sibling is the file coded");
    assertEquals("\"a-18c-br\"", ETags.matching("\"a-18c-br\"", file));
    assertEquals(null, ETags.matching(a.substring(0, a.length() - 2) + "-gzip\"", a), "another base");
    assertEquals(null, ETags.matching(a.substring(0, a.length() - 1) + "-zip\"", a), "not a coding");
    assertEquals(null, ETags.matching(a.substring(0, a.length() - 1) + "-gzip-gzip\"", a), "one coding only");
    assertEquals(null, ETags.matching("\"-gzip\"", "\"\""), "a suffix alone is a tag, not a coding");
    assertEquals(null, ETags.matching(gzip + " junk", "\"x\""));
    assertEquals("W/\"v\"", ETags.matching("\"v\"", "W/\"v\""), "a weak current tag matches weakly");
  }

  @Test
  void headerHelpersRefuseBadValues() {
    var e = assertThrows(IllegalArgumentException.class, () -> CacheControl.publicMaxAge(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().contains("PT-1S"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CacheControl.vary("Accept, Cookie"));
    assertTrue(e.getMessage().contains("'Accept, Cookie'"), e.getMessage());
    assertEquals("Accept, Accept-Language", CacheControl.vary("Accept", "Accept-Language").toString());
    assertEquals("max-age=30, must-revalidate", CacheControl.maxAgeMustRevalidate(Duration.ofSeconds(30)).toString());
  }
}
