package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void answersUpByDefault() {
    try (TestServer s = TestServer.start(app -> { })) {
      HttpResponse<String> r = s.get("/health");
      assertEquals(200, r.statusCode());
      assertEquals("{\"status\":\"UP\"}", r.body());
      assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
    }
  }

  @Test
  void canBeMovedOrTurnedOff() {
    try (TestServer s = TestServer.start(TestServer.options().healthPath("/status"), app -> { })) {
      assertEquals(200, s.get("/status").statusCode());
      assertEquals(404, s.get("/health").statusCode());
    }
    try (TestServer s = TestServer.start(TestServer.options().healthPath(null), app -> { })) {
      assertEquals(404, s.get("/health").statusCode());
    }
  }

  @Test
  void aFailingCheckIs503() {
    try (TestServer s = TestServer.start(app -> app.health()
        .check("db", () -> Future.succeededFuture())
        .check("cache", () -> Future.failedFuture("down")))) {
      HttpResponse<String> r = s.get("/health");
      assertEquals(503, r.statusCode());
      assertEquals("{\"status\":\"DOWN\",\"checks\":{\"db\":\"UP\",\"cache\":\"DOWN\"}}", r.body());
    }
  }

  @Test
  void aUserRouteOnTheSamePathWins() {
    try (TestServer s = TestServer.start(app -> app.get("/health", () -> "mine"))) {
      assertEquals("mine", s.get("/health").body());
    }
  }
}
