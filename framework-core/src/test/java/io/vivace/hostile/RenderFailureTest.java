package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vivace.App;
import io.vivace.extract.Path;
import io.vivace.response.Response;
import io.vivace.route.Handler0;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A result that cannot be written (here a value without a JSON converter) is a server bug: every
 * shape of it, on every kind of route, gets a 500 problem with a request id, within a deadline,
 * never a silent connection.
 */
class RenderFailureTest {
  /** No converter exists for this type. */
  public static final class Opaque {
  }

  /** Result shapes holding an unencodable value. */
  static final Map<String, Supplier<Object>> SHAPES = Map.of(
      "value", Opaque::new,
      "response", () -> Response.ok(new Opaque()),
      "created", () -> Response.created("/x", new Opaque()),
      "optional", () -> Optional.of(new Opaque()),
      "list", () -> List.of(new Opaque()),
      "map", () -> Map.of("a", new Opaque()),
      "stage", () -> CompletableFuture.completedFuture(new Opaque()),
      "async-stage", () -> CompletableFuture.supplyAsync(Opaque::new),
      "future", () -> Future.succeededFuture(new Opaque()),
      "stage-of-response", () -> CompletableFuture.supplyAsync(() -> Response.ok(new Opaque())));

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.options().idleTimeoutSeconds(0), (App app) -> {
      SHAPES.forEach((name, shape) -> {
        Handler0<Object> h = shape::get;
        app.get("/direct/" + name, h);
        app.get("/routed/" + name + "/:id", Path.intValue("id"), id -> shape.get());
        app.get("/blocking/" + name, h).blocking();
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyShapeOnEveryKindOfRouteGetsA500Problem() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String name : SHAPES.keySet()) {
      for (String path : new String[] {"/direct/" + name, "/routed/" + name + "/1", "/blocking/" + name}) {
        try (RawHttp raw = server.raw()) { // RawHttp reads with a 10 s deadline
          raw.write(RawHttp.get(path));
          RawHttp.Response r = raw.readOne();
          checked++;
          if (r.status() != 500 || !"application/problem+json".equals(r.header("content-type"))
              || !r.body().contains("request_id")) {
            wrong.add(path + " -> " + r.status() + " " + r.body());
          }
        } catch (java.io.IOException e) {
          wrong.add(path + " -> " + e);
        }
      }
    }
    assertEquals(30, checked + wrong.stream().filter(w -> w.contains("Exception")).count());
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theConnectionServesTheNextRequestAfterA500() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/direct/value") + RawHttp.get("/blocking/stage"));
      List<RawHttp.Response> rs = raw.read(2);
      assertEquals(500, rs.get(0).status());
      assertEquals(500, rs.get(1).status());
    }
  }
}
