package io.vivace.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A body is rendered by one set of rules whether a handler returns it or {@code ETags.conditional}
 * tags it first: same content type, same bytes.
 */
class RenderRulesTest {
  static final Map<String, Supplier<Object>> BODIES = Map.of(
      "string", () -> "text",
      "buffer", () -> Buffer.buffer("raw bytes"),
      "json", () -> List.of(1, 2),
      "optional", () -> Optional.of("inside"),
      "response", () -> Response.ok(Buffer.buffer("{}")).withContentType(io.vertx.core.http.HttpHeaders.createOptimized("application/json")),
      "created", () -> Response.created("/x", List.of(3)));

  @Test
  void aHandlerResultAndItsTaggedFormHaveTheSameTypeAndBytes() {
    try (TestServer s = TestServer.start(app -> BODIES.forEach((name, body) -> {
      app.get("/plain/" + name, () -> body.get());
      app.get("/tagged/" + name, ETags.IF_NONE_MATCH, inm -> ETags.conditional(inm, body.get()));
    }))) {
      for (String name : BODIES.keySet()) {
        HttpResponse<String> plain = s.get("/plain/" + name);
        HttpResponse<String> tagged = s.get("/tagged/" + name);
        assertEquals(plain.statusCode(), tagged.statusCode(), name);
        assertEquals(plain.headers().firstValue("content-type"), tagged.headers().firstValue("content-type"), name);
        assertEquals(plain.body(), tagged.body(), name);
        assertEquals(plain.headers().firstValue("location"), tagged.headers().firstValue("location"), name);
      }
      assertEquals("application/octet-stream", s.get("/tagged/buffer").headers().firstValue("content-type").orElseThrow());
    }
  }

  @Test
  void encodedRefusesWhatHasNoBytesYet() {
    assertNull(Response.encoded(Optional.empty()));
    assertNull(Response.encoded(null));
    assertThrows(IllegalArgumentException.class, () -> Response.encoded(Future.succeededFuture("x")));
    assertEquals("text/plain; charset=utf-8", Response.encoded("x").contentType().toString());
  }
}
