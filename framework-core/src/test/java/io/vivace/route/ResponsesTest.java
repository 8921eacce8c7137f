package io.vivace.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vivace.response.Envelope;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  @CompiledJson
  public record User(long id, String name) {
  }

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      app.get("/text", () -> "héllo");
      app.get("/bytes", () -> Buffer.buffer(new byte[] {1, 2, 3}));
      app.get("/json", () -> new User(1, "Ana"));
      app.get("/optional/:id", io.vivace.extract.Path.intValue("id"),
          id -> id == 1 ? Optional.of(new User(1, "Ana")) : Optional.empty());
      app.get("/future", () -> {
        Promise<User> p = Promise.promise();
        app.vertx().setTimer(20, t -> p.complete(new User(2, "Bo")));
        return p.future();
      });
      app.get("/future-null", () -> Future.succeededFuture(null));
      // A promise bound to no context, completed by a thread Vert.x does not know: the response
      // must still be written on the connection's event loop.
      app.get("/foreign", () -> {
        Promise<User> p = Promise.promise();
        new Thread(() -> p.complete(new User(5, "Fi"))).start();
        return p.future();
      });
      app.get("/foreign-failure", () -> {
        Promise<User> p = Promise.promise();
        new Thread(() -> p.fail(new IllegalStateException("x"))).start();
        return p.future();
      });
      app.get("/stage", () -> CompletableFuture.supplyAsync(() -> new User(3, "Cy")));
      app.post("/created", () -> Response.created("/users/9", new User(9, "Di")));
      app.delete("/gone", Response::noContent);
      app.get("/custom", () -> Response.status(202).header("X-Trace", "t1").body("accepted"));
      app.get("/envelope", () -> Envelope.success(new User(4, "Ed")));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertResponse(HttpResponse<String> r, int status, String contentType, String body) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(contentType, r.headers().firstValue("content-type").orElse(null));
    assertEquals(body, r.body());
  }

  @Test
  void stringsAreTextAndValuesAreJson() {
    assertResponse(server.get("/text"), 200, "text/plain; charset=utf-8", "héllo");
    assertResponse(server.get("/json"), 200, "application/json", "{\"id\":1,\"name\":\"Ana\"}");
    HttpResponse<String> bytes = server.get("/bytes");
    assertEquals("application/octet-stream", bytes.headers().firstValue("content-type").orElseThrow());
    assertEquals(3, bytes.body().length());
  }

  @Test
  void optionalsAndNullsAre404WhenEmpty() {
    assertResponse(server.get("/optional/1"), 200, "application/json", "{\"id\":1,\"name\":\"Ana\"}");
    assertEquals(404, server.get("/optional/2").statusCode());
    assertEquals("application/problem+json", server.get("/optional/2").headers().firstValue("content-type").orElseThrow());
    assertEquals(404, server.get("/future-null").statusCode());
  }

  @Test
  void futuresAndCompletionStagesAreAwaited() {
    assertResponse(server.get("/future"), 200, "application/json", "{\"id\":2,\"name\":\"Bo\"}");
    assertResponse(server.get("/stage"), 200, "application/json", "{\"id\":3,\"name\":\"Cy\"}");
    for (int i = 0; i < 20; i++) {
      assertResponse(server.get("/foreign"), 200, "application/json", "{\"id\":5,\"name\":\"Fi\"}");
      assertEquals(500, server.get("/foreign-failure").statusCode());
    }
  }

  @Test
  void responseObjectsSetStatusAndHeaders() {
    HttpResponse<String> created = server.send("POST", "/created", null, null);
    assertResponse(created, 201, "application/json", "{\"id\":9,\"name\":\"Di\"}");
    assertEquals("/users/9", created.headers().firstValue("location").orElseThrow());
    HttpResponse<String> gone = server.send("DELETE", "/gone", null, null);
    assertEquals(204, gone.statusCode());
    assertEquals("", gone.body());
    HttpResponse<String> custom = server.get("/custom");
    assertResponse(custom, 202, "text/plain; charset=utf-8", "accepted");
    assertEquals("t1", custom.headers().firstValue("x-trace").orElseThrow());
  }

  @Test
  void theEnvelopeHelperWrapsData() {
    assertEquals("{\"success\":true,\"data\":{\"id\":4,\"name\":\"Ed\"}}", server.get("/envelope").body());
  }

  @Test
  void headOnAGetRouteHasHeadersButNoBody() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/json")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
    assertTrue(r.headers().firstValue("date").isPresent());
  }
}
