package io.vivace.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.problem.ProblemException;
import io.vivace.testing.JsonTree;
import io.vivace.testing.LogCapture;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request ids on a real server: generated, accepted, refused, echoed, in problems and in log lines. */
class RequestIdTest {
  private static final Logger LOG = LoggerFactory.getLogger(RequestIdTest.class);
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      app.get("/hello", () -> "hi");
      app.get("/things/:id", Path.string("id"), id -> "thing " + id);
      app.post("/things", Body.json(Map.class), m -> m);
      app.get("/boom", () -> {
        throw new IllegalStateException("internal detail");
      });
      app.get("/conflict", () -> {
        throw ProblemException.conflict("The name is taken.");
      });
      app.get("/id", () -> String.valueOf(RequestIds.current()));
      // logs from callbacks that run later: after a worker thread, and after a timer on the loop
      app.get("/later/:marker", Path.string("marker"), marker -> {
        Vertx vertx = Vertx.currentContext().owner();
        Promise<String> done = Promise.promise();
        vertx.executeBlocking(() -> {
          LOG.info("blocking part of {}", marker);
          return marker;
        }).map(m -> {
          LOG.info("after blocking of {}", m);
          return m;
        }).onSuccess(m -> vertx.setTimer(30, t -> {
          LOG.info("timer of {}", m);
          done.complete(RequestIds.current());
        }));
        return done.future();
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aGeneratedIdIsEchoedAndDiffersPerRequest() throws Exception {
    Set<String> ids = new HashSet<>();
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/hello") + RawHttp.get("/things/1") + RawHttp.get("/nowhere") + RawHttp.get("/id"));
      List<RawHttp.Response> rs = raw.read(4);
      for (RawHttp.Response r : rs) {
        String id = r.header("x-request-id");
        assertNotNull(id, "every response, 404 included, carries an id");
        assertTrue(id.matches("[a-z2-7]{8}-[0-9a-f]+"), id);
        ids.add(id);
      }
      assertEquals(rs.get(3).header("x-request-id"), rs.get(3).body(), "the handler sees the id it was echoed with");
    }
    assertEquals(4, ids.size(), "ids are unique: " + ids);
  }

  @Test
  void aValidIncomingIdIsKeptAndAnInvalidOneReplaced() throws Exception {
    String max = "a".repeat(128);
    try (RawHttp raw = server.raw()) {
      raw.write(withId("/id", "abc-123_x.y:z+=/@~") + withId("/id", max) + withId("/id", "a".repeat(129))
          + withId("/id", "has space") + withId("/id", "quote\"d") + withId("/id", "caf\u00e9"));
      List<RawHttp.Response> rs = raw.read(6);
      assertEquals("abc-123_x.y:z+=/@~", rs.get(0).header("x-request-id"));
      assertEquals("abc-123_x.y:z+=/@~", rs.get(0).body());
      assertEquals(max, rs.get(1).header("x-request-id"));
      for (int i = 2; i < 6; i++) {
        assertEquals(200, rs.get(i).status());
        assertTrue(rs.get(i).header("x-request-id").matches("[a-z2-7]{8}-[0-9a-f]+"), rs.get(i).header("x-request-id"));
      }
    }
  }

  @Test
  void everyProblemCarriesTheRequestId() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(withId("/nowhere", "p-404") + withId("/conflict", "p-409") + withId("/boom", "p-500")
          + "POST /things HTTP/1.1\r\nHost: x\r\nX-Request-Id: p-400\r\nContent-Type: application/json\r\n"
          + "Content-Length: 3\r\n\r\n{x}" + "DELETE /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: p-405\r\n\r\n");
      List<RawHttp.Response> rs = raw.read(5);
      String[] ids = {"p-404", "p-409", "p-500", "p-400", "p-405"};
      int[] statuses = {404, 409, 500, 400, 405};
      for (int i = 0; i < ids.length; i++) {
        assertEquals(statuses[i], rs.get(i).status(), rs.get(i).body());
        assertEquals(ids[i], rs.get(i).header("x-request-id"));
        assertEquals(ids[i], JsonTree.object(rs.get(i).body()).get("request_id"), rs.get(i).body());
      }
      assertTrue(!rs.get(2).body().contains("internal detail"));
    }
  }

  @Test
  void theIdIsInLogLinesWrittenWhileTheRequestIsServedEvenLater() throws Exception {
    try (LogCapture logs = LogCapture.start(); RawHttp a = server.raw(); RawHttp b = server.raw()) {
      a.write(withId("/later/one", "req-one"));
      b.write(withId("/later/two", "req-two"));
      assertEquals("req-one", a.readOne().body());
      assertEquals("req-two", b.readOne().body());
      for (String marker : List.of("one", "two")) {
        for (String what : List.of("blocking part of ", "after blocking of ", "timer of ")) {
          ILoggingEvent e = logs.await(ev -> ev.getFormattedMessage().equals(what + marker), Duration.ofSeconds(5), what + marker);
          assertEquals("req-" + marker, LogCapture.requestId(e), what + marker);
        }
      }
      server.get("/boom");
      ILoggingEvent failed = logs.await(ev -> ev.getFormattedMessage().startsWith("GET /boom failed"),
          Duration.ofSeconds(5), "of the 500");
      assertNotNull(LogCapture.requestId(failed));
      assertNotNull(failed.getThrowableProxy(), "the stack trace is in the log, not the response");
    }
    assertNull(RequestIds.current(), "no id outside a request");
  }

  @Test
  void aBlockingHandlerLogsWithItsRequestsId() throws Exception {
    // On JDK 21+ blocking handlers run on virtual threads (VIVACE_VIRTUAL_THREADS), else on the worker pool.
    try (LogCapture logs = LogCapture.start(); TestServer s = TestServer.start(app -> app.get("/work", () -> {
      LOG.info("blocking work on {}", Thread.currentThread().getClass().getSimpleName()); // VirtualThread on 21+
      return String.valueOf(RequestIds.current());
    }).blocking())) {
      HttpResponse<String> r = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/work")).header("X-Request-Id", "blk-1"));
      assertEquals("blk-1", r.body());
      ILoggingEvent e = logs.await(ev -> ev.getFormattedMessage().startsWith("blocking work on"), Duration.ofSeconds(5), "blocking");
      assertEquals("blk-1", LogCapture.requestId(e), e.getFormattedMessage());
    }
  }

  @Test
  void requestIdsCanBeTurnedOff() {
    try (TestServer off = TestServer.start(TestServer.options().observe(new ObserveOptions().requestId(false)), app -> {
      app.get("/id", () -> String.valueOf(RequestIds.current()));
      app.get("/boom", () -> {
        throw new IllegalStateException("x");
      });
    })) {
      var r = off.get("/id");
      assertEquals("null", r.body());
      assertTrue(r.headers().firstValue("x-request-id").isEmpty());
      var nf = off.get("/nowhere");
      assertNull(JsonTree.object(nf.body()).get("request_id"), "no id on a 404 when off");
      var boom = off.get("/boom");
      String id = boom.headers().firstValue("x-request-id").orElseThrow();
      assertEquals(id, JsonTree.object(boom.body()).get("request_id"), "a 500 still gets an id of its own");
      assertNotEquals("", id);
    }
  }

  private static String withId(String path, String id) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Request-Id: " + id + "\r\n\r\n";
  }
}
