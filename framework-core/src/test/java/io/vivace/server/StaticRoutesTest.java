package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.extract.Body;
import io.vivace.extract.Header;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.extract.RequestExtractor;
import io.vivace.pagination.Pagination;
import io.vivace.problem.ProblemException;
import io.vivace.route.impl.Endpoints;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Routes served without the router must behave exactly like routed ones: same precedence, same
 * errors, same headers.
 */
class StaticRoutesTest {

  @Test
  void precedenceIsTheRoutersFirstDeclaredWins() {
    try (TestServer s = TestServer.start(app -> {
      app.get("/x", Query.string("q").orElse("none"), q -> "routed " + q);
      app.get("/x", () -> "static");
      app.get("/:name", io.vivace.extract.Path.string("name"), n -> "param " + n);
      app.get("/later", () -> "static later");
      app.post("/x", () -> "static post");
    })) {
      assertEquals("routed none", s.get("/x").body());
      assertEquals("param later", s.get("/later").body(), "an earlier :param route wins");
      assertEquals("static post", s.send("POST", "/x", null, null).body());
    }
  }

  @Test
  void failuresAndWrongMethodsAreProblems() {
    try (TestServer s = TestServer.start(app -> {
      app.get("/boom", () -> {
        throw new IllegalStateException("internal detail");
      });
      app.get("/none", () -> null);
      app.get("/ok", () -> "ok");
    })) {
      HttpResponse<String> boom = s.get("/boom");
      assertEquals(500, boom.statusCode());
      assertEquals("application/problem+json", boom.headers().firstValue("content-type").orElseThrow());
      assertEquals(boom.headers().firstValue("x-request-id").orElseThrow(), JsonTree.object(boom.body()).get("request_id"));
      assertEquals(404, s.get("/none").statusCode());
      HttpResponse<String> wrong = s.send("PUT", "/ok", null, null);
      assertEquals(405, wrong.statusCode());
      assertEquals("GET, HEAD", wrong.headers().firstValue("allow").orElseThrow());
      assertEquals("ok", s.get("/ok?with=query").body());
      assertEquals("ok", s.get("/./ok").body(), "a path that needs normalising is routed");
      assertEquals("Vivace", s.get("/ok").headers().firstValue("server").orElseThrow());
    }
  }

  @Test
  void onlyRoutesWhoseExtractorsNeedJustTheRequestSkipTheRouter() {
    assertNotNull(Endpoints.direct(Endpoints.of(() -> "x")));
    assertNotNull(Endpoints.direct(Endpoints.of(Query.intValue("n"), Header.string("x-k").optional(),
        Pagination.offset(), (n, k, p) -> n)));
    assertNotNull(Endpoints.direct(Endpoints.of(Pagination.keyset(), p -> p)));
    assertNull(Endpoints.direct(Endpoints.of(Path.string("id"), id -> id)), "a path parameter needs the router");
    assertNull(Endpoints.direct(Endpoints.of(Query.intValue("n"), Body.text(), (n, b) -> b)), "a body needs the router");
    assertNull(Endpoints.direct(Endpoints.of(Query.intValue("n"), ctx -> ctx.pathParam("x"), (n, x) -> x)),
        "an extractor written against the RoutingContext needs the router");
  }

  @Test
  void aDirectRouteWithExtractorsAnswersExactlyAsARoutedOne() {
    try (TestServer s = TestServer.start(app -> {
      app.get("/direct", Query.intValue("n"), Header.string("x-k").orElse("-"), Pagination.offset(),
          (n, k, p) -> n + " " + k + " " + p.page() + "/" + p.perPage());
      app.get("/:any/x", Path.string("any"), a -> a); // every exact route after this one is routed
      app.get("/routed", Query.intValue("n"), Header.string("x-k").orElse("-"), Pagination.offset(),
          (n, k, p) -> n + " " + k + " " + p.page() + "/" + p.perPage());
    })) {
      for (String query : new String[] {"?n=7&page=2&per_page=5", "?n=x", "", "?n=1&page=0", "?n=1&per_page=-3"}) {
        HttpResponse<String> direct = s.get("/direct" + query);
        HttpResponse<String> routed = s.get("/routed" + query);
        assertEquals(routed.statusCode(), direct.statusCode(), query);
        assertEquals(routed.headers().firstValue("content-type"), direct.headers().firstValue("content-type"), query);
        assertEquals(withoutId(routed.body()), withoutId(direct.body()).replace("/direct", "/routed"), query);
      }
      assertEquals("7 - 2/5", s.get("/direct?n=7&page=2&per_page=5").body());
      assertEquals(400, s.get("/direct?n=x").statusCode());
      assertEquals(405, s.send("POST", "/direct", null, null).statusCode());
    }
  }

  @Test
  void routesWithRequestExtractorsAnswerLikeRoutedOnes() {
    RequestExtractor<String> tenant = req -> {
      String t = req.getHeader("X-Tenant");
      if (t == null) {
        throw ProblemException.of(401, "No tenant.").withHeader("WWW-Authenticate", "Tenant");
      }
      return t;
    };
    try (TestServer s = TestServer.start(app -> {
      app.get("/tenant", tenant, t -> "tenant " + t);
      app.get("/both", tenant, tenant, (a, b) -> a + b);
      app.get("/mixed", tenant, Query.string("q"), (t, q) -> t + q);
    })) {
      java.util.function.Function<String, HttpResponse<String>> withTenant = path -> s.send(
          java.net.http.HttpRequest.newBuilder(s.uri(path)).header("X-Tenant", "acme"));
      assertEquals("tenant acme", withTenant.apply("/tenant").body());
      assertEquals("acmeacme", withTenant.apply("/both").body());
      assertEquals("acmez", withTenant.apply("/mixed?q=z").body(), "a request extractor and a query parameter");
      HttpResponse<String> none = s.get("/tenant");
      assertEquals(401, none.statusCode());
      assertEquals("Tenant", none.headers().firstValue("www-authenticate").orElseThrow());
      assertEquals("/tenant", JsonTree.object(none.body()).get("instance"));
      assertEquals(405, s.send("POST", "/tenant", null, null).statusCode());
      assertEquals(200, s.send(java.net.http.HttpRequest.newBuilder(s.uri("/tenant")).header("X-Tenant", "a")
          .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());
    }
  }

  /** {@code body} without its request id (unique per request). */
  private static String withoutId(String body) {
    return body.replaceAll("\"request_id\":\"[^\"]*\"", "\"request_id\":\"\"");
  }
}
