package io.vivace.server.impl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.route.PathPatterns;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.extract.RequestExtractor;
import org.junit.jupiter.api.Test;

/** Which routes the static table takes: request extractors yes, a body or blocking no. */
class StaticRoutesTableTest {

  @Test
  void requestExtractorsKeepARouteStatic() {
    App direct = Vivace.app();
    RequestExtractor<String> host = req -> req.getHeader("Host");
    direct.get("/host", host, h -> h);
    assertNotNull(StaticRoutes.of(direct.routes(), null));

    App routed = Vivace.app();
    routed.get("/host", io.vivace.extract.Body.text(), b -> b);
    routed.get("/blocking", host, h -> h).blocking();
    assertNull(StaticRoutes.of(routed.routes(), null));
  }

  @Test
  void anEarlierPatternKeepsAnExactRouteOnTheRouterOnlyWhenItCouldMatchItsPath() {
    App app = Vivace.app();
    app.get("/users/:id", io.vivace.extract.Path.intValue("id"), id -> id);
    app.get("/files/*", () -> "file");
    app.get("/plaintext", () -> "static: no earlier pattern matches it");
    app.get("/users/me", () -> "router: /users/:id could match");
    app.post("/users/new", () -> "static: the pattern is GET only");
    app.get("/files", () -> "router: /files/* matches /files too");
    app.get("/filesystem", () -> "static");
    assertEquals(java.util.List.of(
        "GET /users/:id -> router: a pattern",
        "GET /files/* -> router: a pattern",
        "GET /plaintext -> static",
        "GET /users/me -> router: the earlier GET /users/:id could match it",
        "POST /users/new -> static",
        "GET /files -> router: the earlier GET /files/* could match it",
        "GET /filesystem -> static"), StaticRoutes.plan(app.routes()));
  }

  @Test
  void patternsMatchLikeTheRouter() {
    assertTrue(PathPatterns.matches("/users/:id", "/users/me"));
    assertFalse(PathPatterns.matches("/users/:id", "/users/me/posts"));
    assertFalse(PathPatterns.matches("/users/:id", "/users/"));
    assertTrue(PathPatterns.matches("/:a/:b", "/x/y"));
    assertTrue(PathPatterns.matches("/static/*", "/static"));
    assertTrue(PathPatterns.matches("/static/*", "/static/a/b.css"));
    assertFalse(PathPatterns.matches("/static/*", "/statics"));
    assertTrue(PathPatterns.matches("/*", "/anything"));
    assertFalse(PathPatterns.matches("/a.b/:x", "/aXb/1"), "literal characters are literal, not regex");
    assertTrue(PathPatterns.isExact("/plain/path"));
    assertFalse(PathPatterns.isExact("/p/:x"));
  }
}
