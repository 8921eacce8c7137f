package io.vivace.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.extract.Path;
import io.vivace.extract.RequestExtractor;
import io.vivace.problem.ProblemException;
import io.vivace.route.RouteDef;
import io.vivace.route.Routes;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups share a prefix, filters and guards; a module declared on {@code Routes} mounts under one. */
class GroupsTest {
  /** The role in X-Role: 401 without one, 403 unless it is {@code role}. */
  static RequestExtractor<String> role(String role) {
    return req -> {
      String r = req.getHeader("X-Role");
      if (r == null) {
        throw ProblemException.of(401, "A role is required.");
      }
      if (!r.equals(role)) {
        throw ProblemException.of(403, "The role " + role + " is required.");
      }
      return r;
    };
  }

  /** A module that declares its routes on whatever Routes it is given. */
  static void module(Routes routes) {
    routes.get("/ping", () -> "pong");
    routes.get("/items/:id", Path.intValue("id"), id -> "item " + id);
  }

  @Test
  void prefixesJoinAndNest() {
    App app = Vivace.app();
    app.group("/api/v1/", v1 -> {
      v1.get("/", () -> "root");
      v1.group("/admin", admin -> admin.get("/users", () -> "users"));
    });
    app.group("/", g -> g.get("/top", () -> "top"));
    assertEquals(List.of("/api/v1", "/api/v1/admin/users", "/top"), app.routes().stream().map(RouteDef::path).toList());
    assertThrows(IllegalArgumentException.class, () -> app.group("api", g -> { }));
  }

  @Test
  void aGroupGuardRejectsBeforeTheHandlerOnEveryRouteOfTheGroupOnly() {
    try (TestServer s = TestServer.start(app -> {
      app.get("/open", () -> "open");
      app.group("/admin", admin -> {
        admin.require(role("admin"));
        admin.get("/stats", () -> "stats");                                      // static path
        admin.delete("/users/:id", Path.intValue("id"), id -> "deleted " + id);  // router path
        admin.group("/mounted", GroupsTest::module);
      });
    })) {
      assertEquals("open", s.get("/open").body());
      for (String[] m : new String[][] {{"GET", "/admin/stats", "stats"}, {"DELETE", "/admin/users/3", "deleted 3"},
          {"GET", "/admin/mounted/ping", "pong"}, {"GET", "/admin/mounted/items/2", "item 2"}}) {
        assertEquals(401, s.send(m[0], m[1], null, null).statusCode(), m[1]);
        HttpRequest.Builder user = HttpRequest.newBuilder(s.uri(m[1])).method(m[0], HttpRequest.BodyPublishers.noBody());
        assertEquals(403, s.send(user.header("X-Role", "user")).statusCode(), m[1]);
        HttpRequest.Builder admin = HttpRequest.newBuilder(s.uri(m[1])).method(m[0], HttpRequest.BodyPublishers.noBody());
        assertEquals(m[2], s.send(admin.header("X-Role", "admin")).body(), m[1]);
      }
    }
  }

  @Test
  void aModuleMountsOnTheAppOrUnderAGroup() {
    try (TestServer s = TestServer.start(app -> {
      module(app);
      app.group("/v2", GroupsTest::module);
    })) {
      assertEquals("pong", s.get("/ping").body());
      assertEquals("pong", s.get("/v2/ping").body());
      assertEquals("item 5", s.get("/v2/items/5").body());
      assertTrue(s.get("/v2").statusCode() == 404);
    }
  }
}
