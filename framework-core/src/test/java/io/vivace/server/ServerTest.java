package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vivace.extract.Path;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.options().idleTimeoutSeconds(1), app -> {
      app.get("/n/:n", Path.intValue("n"), n -> "n" + n);
      // Completes after (10 - n) * 10 ms: early requests finish last.
      app.get("/late/:n", Path.intValue("n"), n -> {
        Promise<String> p = Promise.promise();
        app.vertx().setTimer((10 - n) * 10L + 1, t -> p.complete("late" + n));
        return p.future();
      });
      app.get("/thread", () -> Thread.currentThread().getName());
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyResponseHasServerAndACurrentDate() {
    for (String path : new String[] {"/n/1", "/nowhere", "/n/x"}) {
      HttpResponse<String> r = server.get(path);
      assertEquals("Vivace", r.headers().firstValue("server").orElseThrow(), path);
      String date = r.headers().firstValue("date").orElseThrow();
      Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      long skew = Math.abs(sent.getEpochSecond() - Instant.now().getEpochSecond());
      assertTrue(skew <= 2, "Date " + date + " is " + skew + " s off");
    }
  }

  @Test
  void keepAliveServesManyRequestsOnOneConnection() throws Exception {
    try (RawHttp raw = server.raw()) {
      for (int i = 0; i < 5; i++) {
        raw.write(RawHttp.get("/n/" + i));
        RawHttp.Response r = raw.readOne();
        assertEquals(200, r.status());
        assertEquals("n" + i, r.body());
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      batch.append(RawHttp.get((i % 2 == 0 ? "/late/" : "/n/") + i));
    }
    try (RawHttp raw = server.raw()) {
      raw.write(batch.toString());
      List<RawHttp.Response> responses = raw.read(10);
      for (int i = 0; i < 10; i++) {
        assertEquals((i % 2 == 0 ? "late" : "n") + i, responses.get(i).body());
      }
    }
  }

  @Test
  void connectionsAreSpreadOverTheEventLoops() throws Exception {
    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      try (RawHttp raw = server.raw()) {
        raw.write(RawHttp.get("/thread"));
        threads.add(raw.readOne().body());
      }
    }
    assertEquals(2, threads.size(), "one verticle per event loop: " + threads);
    threads.forEach(t -> assertTrue(t.startsWith("vert.x-eventloop-thread-"), t));
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/n/1"));
      assertEquals(200, raw.readOne().status());
      assertTrue(raw.closedWithin(5_000), "closed after the 1 s idle timeout");
    }
  }

  @Test
  void busyConnectionsAreNotClosed() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/n/1"));
      raw.readOne();
      assertFalse(raw.closedWithin(300));
    }
  }
}
