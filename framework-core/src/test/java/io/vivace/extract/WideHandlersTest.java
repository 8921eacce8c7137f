package io.vivace.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.route.impl.Endpoints;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handlers of four, five and six extractors, for every method, on the static, routed and blocking paths. */
class WideHandlersTest {

  @Test
  void fourFiveAndSixExtractorsReachTheHandlerInOrder() {
    Param<String> a = Query.string("a");
    try (TestServer s = TestServer.start(app -> {
      app.get("/four", a, Query.string("b"), Query.string("c"), Header.string("X-D"), (w, x, y, z) -> w + x + y + z);
      app.get("/five/:e", a, Query.string("b"), Query.string("c"), Header.string("X-D"), Path.string("e"),
          (v, w, x, y, z) -> v + w + x + y + z);
      app.get("/six", a, Query.string("b"), Query.string("c"), Header.string("X-D"), Query.string("e"), Query.string("f"),
          (u, v, w, x, y, z) -> u + v + w + x + y + z).blocking();
      app.post("/six", a, Query.string("b"), Query.string("c"), Header.string("X-D"), Query.string("e"), Body.text(),
          (u, v, w, x, y, z) -> u + v + w + x + y + z);
      app.put("/six", a, Query.string("b"), Query.string("c"), Header.string("X-D"), Query.string("e"), Query.string("f"),
          (u, v, w, x, y, z) -> "put " + u + v + w + x + y + z);
      app.patch("/five", a, Query.string("b"), Query.string("c"), Header.string("X-D"), Query.string("e"),
          (v, w, x, y, z) -> "patch " + v + w + x + y + z);
      app.delete("/four", a, Query.string("b"), Query.string("c"), Header.string("X-D"), (w, x, y, z) -> "delete " + w + x + y + z);
    })) {
      String q = "?a=1&b=2&c=3&e=5&f=6";
      assertEquals("1234", send(s, "GET", "/four" + q, null));
      assertEquals("12345", send(s, "GET", "/five/5" + q, null));
      assertEquals("123456", send(s, "GET", "/six" + q, null));
      assertEquals("12345body", send(s, "POST", "/six" + q, "body"));
      assertEquals("put 123456", send(s, "PUT", "/six" + q, null));
      assertEquals("patch 12345", send(s, "PATCH", "/five" + q, null));
      assertEquals("delete 1234", send(s, "DELETE", "/four" + q, null));
      assertEquals(400, s.get("/four?a=1&b=2&c=3").statusCode(), "a missing fourth value is named like any other");
    }
  }

  @Test
  void wideEndpointsListTheirExtractorsAndHaveDirectForms() {
    var six = Endpoints.of(Query.string("a"), Query.string("b"), Query.string("c"), Query.string("d"), Query.string("e"),
        Query.string("f"), (u, v, w, x, y, z) -> u);
    assertEquals(6, six.extractors().size());
    assertEquals(true, Endpoints.direct(six) != null);
    var withBody = Endpoints.of(Query.string("a"), Query.string("b"), Query.string("c"), Body.text(), (w, x, y, z) -> w);
    assertEquals(null, Endpoints.direct(withBody));
    assertEquals(true, withBody.readsBody());
    assertEquals(List.of(), Endpoints.of(() -> "x").extractors());
  }

  private static String send(TestServer s, String method, String path, String body) {
    return s.send(HttpRequest.newBuilder(s.uri(path)).header("X-D", "4")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))).body();
  }
}
