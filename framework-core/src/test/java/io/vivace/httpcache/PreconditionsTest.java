package io.vivace.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vivace.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** If-Match's strong comparison (RFC 9110 section 13.1.1) and the 412 problem. */
class PreconditionsTest {
  static final String TAG = ETags.of(Buffer.buffer("{\"id\":1}"));

  @Test
  void strongComparisonStarAndLists() {
    assertTrue(Preconditions.ifMatch(null, TAG), "no header: no precondition");
    assertTrue(Preconditions.ifMatch(TAG, TAG));
    assertTrue(Preconditions.ifMatch("*", TAG));
    assertTrue(Preconditions.ifMatch("\"other\", " + TAG, TAG));
    assertTrue(Preconditions.ifMatch("\"other\"," + TAG + ",\"x\"", TAG));
    assertFalse(Preconditions.ifMatch("W/" + TAG, TAG), "a weak tag never matches If-Match");
    assertFalse(Preconditions.ifMatch("\"other\"", TAG));
    for (String garbage : new String[] {"W/", "W", "\"", "\"unterminated", "abc", TAG.substring(1), ",,", "W/\"x\" junk"}) {
      assertFalse(Preconditions.ifMatch(garbage, TAG), garbage);
    }
  }

  @Test
  void aCompressedAnswersTagIsComparedWithoutItsCoding() {
    String gzip = TAG.substring(0, TAG.length() - 1) + "-gzip\"";
    String deflate = TAG.substring(0, TAG.length() - 1) + "-deflate\"";
    assertTrue(Preconditions.ifMatch(gzip, TAG), "the tag of the gzip answer the client read");
    assertTrue(Preconditions.ifMatch("\"other\", " + deflate, TAG));
    assertFalse(Preconditions.ifMatch("W/" + gzip, TAG), "weak never matches, coded or not");
    assertFalse(Preconditions.ifMatch(TAG.substring(0, TAG.length() - 2) + "-gzip\"", TAG), "another base");
    assertFalse(Preconditions.ifMatch(TAG, "W/" + TAG), "a weak current tag never matches strongly");
    assertTrue(Preconditions.ifMatch("\"v7\"", "\"v7\""), "an app's own tags as before");
    assertFalse(Preconditions.ifMatch("v7", "v7"), "not a list: nothing matches");
  }

  @Test
  void checkThrowsA412Problem() {
    Preconditions.check(TAG, TAG);
    Preconditions.check(null, TAG);
    ProblemException e = assertThrows(ProblemException.class, () -> Preconditions.check("\"stale\"", TAG));
    assertEquals(412, e.status());
    assertTrue(e.problem().detail().contains("If-Match"), e.problem().detail());
    assertEquals("Precondition Failed", e.problem().title());
  }

  @Test
  void withIfMatchPairsAValueWithTheHeaderOverHttp() {
    try (io.vivace.testing.TestServer server = io.vivace.testing.TestServer.start(app -> {
      app.put("/things/:id", Preconditions.withIfMatch(io.vivace.extract.Path.longValue("id")),
          t -> t.value() + " " + t.ifMatch());
      app.get("/q", Preconditions.withIfMatch(io.vivace.extract.Query.intValue("n")), t -> t.value() + " " + t.ifMatch());
    })) {
      java.net.http.HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/things/7"))
          .header("If-Match", TAG).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertEquals("7 " + TAG, r.body());
      assertEquals("7 null", server.send(java.net.http.HttpRequest.newBuilder(server.uri("/things/7"))
          .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())).body());
      assertEquals(400, server.send(java.net.http.HttpRequest.newBuilder(server.uri("/things/x"))
          .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());
      assertEquals("3 *", server.send(java.net.http.HttpRequest.newBuilder(server.uri("/q?n=3")).header("If-Match", "*")).body());
    }
  }
}
