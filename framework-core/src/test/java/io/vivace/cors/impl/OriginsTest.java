package io.vivace.cors.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Origin lists and patterns: what they accept at start and what they match per request. */
class OriginsTest {

  @Test
  void validItems() {
    for (String ok : List.of("*", "https://app.example.com", "http://localhost:8080", "https://*.example.com",
        "https://*.example.com:8443", "http://localhost:*", "http://127.0.0.1:*", "http://[::1]:3000", "HTTPS://App.Example.COM",
        "app+scheme://host")) {
      assertTrue(Origins.isValid(ok), ok);
    }
    for (String bad : List.of("", "null", "example.com", "https://", "https://app.example.com/", "https://app.example.com/path",
        "https://*example.com", "https://a.*.example.com", "https://*.*.example.com", "https://*", "https://*.",
        "https://app.example.com:*:*", "https://app.example.com:port", "https://app.example.com:123456", "*.example.com",
        "https://user@app.example.com", "https://app..example.com", "https://.example.com", "1http://a.example")) {
      assertFalse(Origins.isValid(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Origins.compile(List.of("https://ok.example", "https://*bad.example")));
  }

  @Test
  void theOriginOfRequestHeadersMatchesAsTheStringDoes() {
    Origins exact = Origins.compile(List.of("https://app.example.com", "http://localhost:3000"));
    Origins patterns = Origins.compile(List.of("https://app.example.com", "https://*.example.org"));
    for (String origin : List.of("https://app.example.com", "http://localhost:3000", "https://a.example.org",
        "https://app.example.com:443", "http://app.example.com", "HTTPS://APP.EXAMPLE.COM", "null", "")) {
      io.vertx.core.MultiMap in = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("origin", origin);
      for (Origins o : List.of(exact, patterns)) {
        CharSequence fromString = o.echo(origin);
        CharSequence fromHeaders = o.echo(in);
        assertEquals(fromString == null ? null : fromString.toString(), fromHeaders == null ? null : fromHeaders.toString(), origin);
      }
    }
    io.vertx.core.MultiMap none = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("host", "api.example.com");
    assertNull(exact.echo(none), "no Origin: none");
    assertNull(patterns.echo(none), "no Origin: none");
    io.vertx.core.MultiMap http = io.vertx.core.http.impl.headers.HeadersMultiMap.httpHeaders().add("Origin", "http://localhost:3000");
    assertEquals("http://localhost:3000", exact.echo(http).toString(), "Vert.x's request headers, the name in any case");
  }

  @Test
  void exactOriginsAreComparedAsBrowsersSendThem() {
    Origins o = Origins.compile(List.of("HTTPS://App.Example.com", "http://localhost:3000"));
    assertTrue(o.allows("https://app.example.com"));
    assertTrue(o.allows("http://localhost:3000"));
    assertFalse(o.allows("http://app.example.com"));
    assertFalse(o.allows("https://app.example.com:443"));
    assertFalse(o.allows("http://localhost:30000"));
    assertFalse(o.allows("null"));
    assertFalse(o.any());
  }

  @Test
  void echoGivesTheValueToSend() {
    Origins o = Origins.compile(List.of("https://app.example.com", "https://*.example.org"));
    CharSequence exact = o.echo("https://app.example.com");
    assertInstanceOf(io.netty.util.AsciiString.class, exact, "encoded once at start");
    assertEquals("https://app.example.com", exact.toString());
    assertSame(exact, o.echo("https://app.example.com"));
    assertEquals("https://a.example.org", o.echo("https://a.example.org"));
    assertNull(o.echo("https://evil.example.net"));
    assertEquals("https://x.example.net", Origins.compile(List.of("*")).echo("https://x.example.net"));
  }

  @Test
  void hostPatternsMatchSubdomainsOnly() {
    Origins o = Origins.compile(List.of("https://*.example.com"));
    assertTrue(o.allows("https://a.example.com"));
    assertTrue(o.allows("https://a-b.c.example.com"));
    for (String no : List.of("https://example.com", "https://.example.com", "https://evilexample.com", "http://a.example.com",
        "https://a.example.com.evil.net", "https://a.example.com:8443", "https://a/b.example.com", "https://a:1.example.com",
        "https://a..example.com", "https://a@b.example.com")) {
      assertFalse(o.allows(no), no);
    }
  }

  @Test
  void portPatternsMatchDigitsOnly() {
    Origins o = Origins.compile(List.of("http://localhost:*"));
    assertTrue(o.allows("http://localhost:5173"));
    for (String no : List.of("http://localhost", "http://localhost:", "http://localhost:12a", "http://localhost:123456",
        "http://localhost.evil.net:80", "https://localhost:5173")) {
      assertFalse(o.allows(no), no);
    }
  }

  @Test
  void starAllowsAny() {
    Origins o = Origins.compile(List.of("*"));
    assertTrue(o.any());
    assertTrue(o.allows("https://whatever.example"));
  }
}
