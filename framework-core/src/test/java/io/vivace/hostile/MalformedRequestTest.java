package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.httpcache.ETags;
import io.vivace.response.Response;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests no client should send, each answered with a 4xx (or a close) and never a 5xx: RFC 9112's
 * rules on versions, {@code Host}, request targets and framing; bodies that would exhaust a
 * recursive parser or that hold text JSON cannot carry.
 */
class MalformedRequestTest {
  @CompiledJson
  public record Named(String name) {
  }

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      app.get("/hello", () -> "hi");
      app.get("/items/:id", Path.longValue("id"), id -> "item " + id);
      app.get("/tagged", Query.string("tag").optional(), tag -> "t");
      app.post("/named", Body.json(Named.class), n -> n);
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Sends {@code request}, reads one response, and returns it after checking the server then closes. */
  private static RawHttp.Response rejected(String request, int status) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(request);
      RawHttp.Response r = raw.readOne();
      assertEquals(status, r.status(), r.body());
      assertEquals("close", r.header("connection"), "a rejected head closes its connection");
      assertTrue(raw.closedWithin(2_000), "the connection is closed");
      return r;
    }
  }

  private static RawHttp.Response answer(String request) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(request);
      return raw.readOne();
    }
  }

  @Test
  void unsupportedVersionsAre400WithoutEchoingTheToken() throws Exception {
    for (String v : new String[] {"HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "HTTP/0.9"}) {
      try (RawHttp raw = server.raw()) {
        raw.write("GET /hello " + v + "\r\nHost: x\r\n\r\n");
        RawHttp.Response r = raw.readOne();
        assertEquals(400, r.status(), v);
        assertFalse(r.body().contains(v), r.body());
      }
    }
  }

  @Test
  void theHttp2PrefaceGets400AndAClose() throws Exception {
    RawHttp.Response r = rejected("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400);
    assertEquals("application/problem+json", r.header("content-type"));
  }

  @Test
  void http11WithoutHostIs400OnStaticAndRoutedPaths() throws Exception {
    rejected("GET /hello HTTP/1.1\r\n\r\n", 400);
    rejected("GET /items/1 HTTP/1.1\r\n\r\n", 400);
    assertEquals(200, answer("GET /hello HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 needs no Host");
    assertEquals(200, answer("GET /items/1 HTTP/1.0\r\n\r\n").status(), "not on a routed path either");
  }

  @Test
  void badTargetsAre400() throws Exception {
    rejected("GET /%z HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    rejected("GET /items/%z HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    rejected("GET /hello?a=%g1 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    rejected("GET ?a=1 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    rejected("GET /a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    rejected("GET /caf\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    assertEquals(200, answer("GET /hello?a=%41%2f HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertEquals(200, answer("GET http://x/hello HTTP/1.1\r\nHost: x\r\n\r\n").status(), "absolute form");
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndTheSmuggledRequestIsNeverServed() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response r = raw.readOne();
      assertEquals(400, r.status(), r.body());
      assertTrue(raw.closedWithin(2_000), "closed after the answer: the smuggled GET is not read");
    }
  }

  @Test
  void transferEncodingsOtherThanChunkedAre400() throws Exception {
    for (String te : new String[] {"chunked, identity", "gzip, chunked", "identity", "gzip"}) {
      rejected("POST /named HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n", 400);
    }
    rejected("POST /named HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
  }

  @Test
  void transferEncodingOnHttp10Is400() throws Exception {
    rejected("POST /named HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
  }

  @Test
  void conflictingContentLengthsAre400() throws Exception {
    rejected("POST /named HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400);
  }

  @Test
  void chunkedBodiesStillWork() throws Exception {
    String json = "{\"name\":\"a\"}";
    RawHttp.Response r = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n");
    assertEquals(200, r.status(), r.body());
    assertEquals(json, r.body());
  }

  @Test
  void deeplyNestedJsonIs400() throws Exception {
    String deep = "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    RawHttp.Response r = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + deep.length() + "\r\n\r\n" + deep);
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("nested deeper"), r.body());
    String deepObjects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    r = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + deepObjects.length() + "\r\n\r\n" + deepObjects);
    assertEquals(400, r.status(), r.body());
  }

  @Test
  void loneSurrogatesAre422NamingTheField() throws Exception {
    for (String s : new String[] {"\\ud800", "\\udc00", "\\ud800x", "\\ud800\\ud800"}) {
      String json = "{\"name\":\"" + s + "\"}";
      RawHttp.Response r = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + json.length() + "\r\n\r\n" + json);
      assertEquals(422, r.status(), s + " " + r.body());
      assertTrue(r.body().contains("/name"), r.body());
    }
    String pair = "{\"name\":\"\\ud83d\\ude00\"}";
    RawHttp.Response ok = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + pair.length() + "\r\n\r\n" + pair);
    assertEquals(200, ok.status(), ok.body());
  }

  @Test
  void bodiesThatAreNotUtf8Are400AndUtf8TextIsKept() throws Exception {
    // written byte for byte (ISO-8859-1 chars): an encoded surrogate, a bad continuation, a stray
    // byte, an overlong slash, a truncated sequence
    for (String bad : new String[] {"\u00ed\u00a0\u0080", "\u00c3\u0028", "\u00ff", "\u00c0\u00af", "\u00e2\u0082"}) {
      String json = "{\"name\":\"" + bad + "\"}";
      RawHttp.Response r = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + json.length() + "\r\n\r\n" + json);
      assertEquals(400, r.status(), r.body());
      assertTrue(r.body().contains("UTF-8"), r.body());
    }
    String utf8 = new String("{\"name\":\"caf\u00e9 \ud83d\ude00\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    RawHttp.Response ok = answer("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + utf8.length() + "\r\n\r\n" + utf8);
    assertEquals(200, ok.status(), ok.body());
  }

  @Test
  void aBareWeakPrefixInIfNoneMatchIsNoMatch() {
    assertFalse(ETags.matches("W/", "\"abc\""));
    assertFalse(ETags.matches("\"abc\", W/", "\"x\""));
    assertTrue(ETags.matches("W/\"abc\"", "\"abc\""));
  }

  @Test
  void aBadChunkSizeGets400ThenAClose() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
      RawHttp.Response r = raw.readOne();
      assertEquals(400, r.status(), r.body());
      assertEquals("close", r.header("connection"));
      assertTrue(raw.closedWithin(3_000));
    }
  }
}
