package io.vivace.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.route.RouteDef;
import io.vivace.route.impl.Endpoints;
import io.vivace.route.impl.Pipeline;
import io.vivace.route.impl.RouteInvoker;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Filters behave the same on the static path and the router path. */
class FiltersTest {

  /** A filter that records its name before and after the rest of the chain. */
  static Filter recording(List<String> log, String name) {
    return (ex, next) -> {
      log.add(name + ">");
      Object r = next.proceed();
      log.add("<" + name);
      return r;
    };
  }

  @Test
  void appGroupAndRouteFiltersRunOutermostFirstOnBothPaths() {
    List<String> log = new CopyOnWriteArrayList<>();
    try (TestServer s = TestServer.start(app -> {
      app.get("/before-app-filter", () -> "x"); // declared before app.filter: filtered all the same
      app.group("/g", g -> {
        g.filter(recording(log, "group"));
        g.get("/static", () -> "static").filter(recording(log, "route"));
        g.get("/routed/:id", Path.intValue("id"), id -> "routed " + id).filter(recording(log, "route"));
      });
      app.filter(recording(log, "app"));
    })) {
      assertEquals("static", s.get("/g/static").body());
      assertEquals(List.of("app>", "group>", "route>", "<route", "<group", "<app"), log);
      log.clear();
      assertEquals("routed 7", s.get("/g/routed/7").body());
      assertEquals(List.of("app>", "group>", "route>", "<route", "<group", "<app"), log);
      log.clear();
      assertEquals("x", s.get("/before-app-filter").body());
      assertEquals(List.of("app>", "<app"), log);
    }
  }

  @Test
  void aFilterAnswersEarlyWithAResponseOrAProblemAndAddsHeaders() {
    Filter key = Filter.before(ex -> {
      ex.responseHeader("X-Filtered", "yes");
      String k = ex.header("X-Key");
      if (k == null) {
        return Response.status(401).body("no key");
      }
      if (k.equals("bad")) {
        throw ProblemException.of(403, "The key is not allowed here.");
      }
      return null;
    });
    try (TestServer s = TestServer.start(app -> {
      app.filter(key);
      app.get("/s", Query.string("q").orElse("-"), q -> "static " + q);
      app.get("/r/:id", Path.string("id"), id -> "routed " + id);
      app.get("/missing", () -> null);
    })) {
      for (String path : new String[] {"/s", "/r/1"}) {
        HttpResponse<String> none = s.get(path);
        assertEquals(401, none.statusCode());
        assertEquals("no key", none.body());
        assertEquals("yes", none.headers().firstValue("x-filtered").orElseThrow());
        HttpResponse<String> bad = s.send(java.net.http.HttpRequest.newBuilder(s.uri(path)).header("X-Key", "bad"));
        assertEquals(403, bad.statusCode());
        assertEquals("application/problem+json", bad.headers().firstValue("content-type").orElseThrow());
        assertEquals("yes", bad.headers().firstValue("x-filtered").orElseThrow());
        HttpResponse<String> ok = s.send(java.net.http.HttpRequest.newBuilder(s.uri(path)).header("X-Key", "k"));
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().endsWith(path.equals("/s") ? "static -" : "routed 1"));
      }
      HttpResponse<String> missing = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/missing")).header("X-Key", "k"));
      assertEquals(404, missing.statusCode());
      assertEquals("yes", missing.headers().firstValue("x-filtered").orElseThrow(), "a header added by a filter stays on a problem");
    }
  }

  @Test
  void afterFiltersSeeTheValueOfFuturesAndStagesAndNotFailures() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    Filter upper = Filter.after((ex, result) -> {
      seen.add(result);
      return result instanceof String ? ((String) result).toUpperCase(java.util.Locale.ROOT) : result;
    });
    try (TestServer s = TestServer.start(app -> {
      app.filter(upper);
      app.get("/value", () -> "value");
      app.get("/future", () -> Future.succeededFuture("future"));
      app.get("/stage", () -> CompletableFuture.supplyAsync(() -> "stage"));
      app.get("/routed/:x", Path.string("x"), x -> CompletableFuture.supplyAsync(() -> "routed " + x));
      app.get("/blocking", () -> "blocking").blocking();
      app.get("/failed", () -> Future.failedFuture(ProblemException.conflict("taken")));
    })) {
      assertEquals("VALUE", s.get("/value").body());
      assertEquals("FUTURE", s.get("/future").body());
      assertEquals("STAGE", s.get("/stage").body());
      assertEquals("ROUTED A", s.get("/routed/a").body());
      assertEquals("BLOCKING", s.get("/blocking").body());
      assertEquals(409, s.get("/failed").statusCode());
      assertEquals(List.of("value", "future", "stage", "routed a", "blocking"), seen);
    }
  }

  @Test
  void onEndReportsStatusBytesAndDurationOnBothPaths() throws Exception {
    BlockingQueue<String> ends = new ArrayBlockingQueue<>(10);
    Filter measure = (ex, next) -> {
      ex.onEnd((e, status, bytes, nanos) -> ends.add(e.method() + " " + e.route() + " " + e.path() + " " + status + " "
          + bytes + " " + (nanos > 0 && nanos < TimeUnit.SECONDS.toNanos(10))));
      return next.proceed();
    };
    try (TestServer s = TestServer.start(app -> {
      app.filter(measure);
      app.get("/hello", () -> "hello");
      app.get("/users/:id", Path.intValue("id"), id -> Future.succeededFuture(List.of(id)));
      app.get("/gone", () -> null);
    })) {
      s.get("/hello");
      assertEquals("GET /hello /hello 200 5 true", ends.poll(5, TimeUnit.SECONDS));
      s.get("/users/42");
      assertEquals("GET /users/:id /users/42 200 4 true", ends.poll(5, TimeUnit.SECONDS));
      int problemBytes = s.get("/gone").body().length();
      assertEquals("GET /gone /gone 404 " + problemBytes + " true", ends.poll(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aRouteWithoutFiltersGetsExactlyItsEndpointsCall() {
    RouteDef plain = new RouteDef(HttpMethod.GET, "/x", Endpoints.of(() -> "x"));
    assertTrue(Pipeline.routed(plain, null) instanceof RouteInvoker);
    assertNotNull(Pipeline.direct(plain));
    assertTrue(Pipeline.direct(plain).getClass().getName().startsWith(Endpoints.class.getName()),
        "the endpoint's own direct call, not a chain: " + Pipeline.direct(plain).getClass());
    RouteDef filtered = new RouteDef(HttpMethod.GET, "/x", Endpoints.of(() -> "x")).filter((ex, next) -> next.proceed());
    assertFalse(Pipeline.routed(filtered, null) instanceof RouteInvoker);
    assertTrue(Pipeline.direct(filtered).getClass().getName().startsWith(Pipeline.class.getName()));
  }
}
