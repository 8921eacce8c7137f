package io.vivace.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vivace.extract.Path;
import io.vivace.testing.JsonTree;
import io.vivace.testing.LogCapture;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The access log in both formats for static, routed, failing and unmatched requests. */
class AccessLogTest {
  /** client - - [time] "method path protocol" status bytes "route" µs id */
  static final Pattern COMMON = Pattern.compile(
      "^(\\S+) - - \\[(\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000)\\] \"(\\S+) (\\S+) HTTP/1\\.1\" (\\d{3}) (\\d+|-) \"([^\"]*)\" (\\d+) (\\S+)$");

  static TestServer start(ObserveOptions.AccessLog format) {
    return TestServer.start(TestServer.options().observe(new ObserveOptions().accessLog(format)), app -> {
      app.get("/hello", () -> "hello!");
      app.get("/things/:id", Path.string("id"), id -> "thing " + id);
      app.post("/things", io.vivace.extract.Body.text(), t -> "got " + t);
      app.get("/slow", () -> {
        Promise<String> p = Promise.promise();
        Vertx.currentContext().owner().setTimer(50, t -> p.complete("late"));
        return p.future();
      });
      app.get("/boom", () -> {
        throw new IllegalStateException("x");
      });
    });
  }

  @Test
  void jsonLinesHoldEveryField() throws Exception {
    try (LogCapture logs = LogCapture.start(); TestServer server = start(ObserveOptions.AccessLog.JSON);
        RawHttp raw = server.raw()) {
      raw.write(get("/hello", "j-static") + get("/things/42?secret=1", "j-routed") + get("/nowhere", "j-404")
          + get("/slow", "j-slow") + get("/boom", "j-500")
          + "POST /things HTTP/1.1\r\nHost: x\r\nX-Request-Id: j-post\r\nContent-Length: 3\r\n\r\nabc");
      List<RawHttp.Response> rs = raw.read(6);
      Map<String, Object> s = JsonTree.object(logs.accessLine("\"j-static\""));
      assertEquals("GET", s.get("method"));
      assertEquals("/hello", s.get("route"));
      assertEquals("/hello", s.get("path"));
      assertEquals(200L, s.get("status"));
      assertEquals((long) rs.get(0).body().length(), s.get("bytes"));
      assertEquals("127.0.0.1", s.get("client"));
      assertTrue(((String) s.get("time")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), s.toString());
      assertTrue((Long) s.get("duration_us") >= 0);

      Map<String, Object> r = JsonTree.object(logs.accessLine("\"j-routed\""));
      assertEquals("/things/:id", r.get("route"));
      assertEquals("/things/42", r.get("path"), "the path without its query");
      assertEquals((long) "thing 42".length(), r.get("bytes"));

      Map<String, Object> nf = JsonTree.object(logs.accessLine("\"j-404\""));
      assertEquals(404L, nf.get("status"));
      assertEquals(null, nf.get("route"), "no route matched");
      assertEquals((long) rs.get(2).body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, nf.get("bytes"));

      Map<String, Object> slow = JsonTree.object(logs.accessLine("\"j-slow\""));
      assertTrue((Long) slow.get("duration_us") >= 50_000, "measured until the response ended: " + slow);

      Map<String, Object> boom = JsonTree.object(logs.accessLine("\"j-500\""));
      assertEquals(500L, boom.get("status"));
      assertEquals("/boom", boom.get("route"), "a failing route keeps its template");

      Map<String, Object> post = JsonTree.object(logs.accessLine("\"j-post\""));
      assertEquals("POST", post.get("method"));
      assertEquals("/things", post.get("route"));
      assertEquals((long) "got abc".length(), post.get("bytes"));
    }
  }

  @Test
  void commonLogFormatLines() throws Exception {
    try (LogCapture logs = LogCapture.start(); TestServer server = start(ObserveOptions.AccessLog.COMMON);
        RawHttp raw = server.raw()) {
      raw.write(get("/hello", "c-static") + get("/things/7", "c-routed") + get("/nowhere", "c-404")
          + get("/health", "c-health") + "HEAD /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: c-head\r\n\r\n");
      raw.read(4); // the HEAD response has a Content-Length and no body: not read here
      Matcher s = matches(logs.accessLine(" c-static"));
      assertEquals("127.0.0.1", s.group(1));
      assertEquals("GET", s.group(3));
      assertEquals("/hello", s.group(4));
      assertEquals("200", s.group(5));
      assertEquals(String.valueOf("hello!".length()), s.group(6));
      assertEquals("/hello", s.group(7));
      assertEquals("c-static", s.group(9));

      Matcher r = matches(logs.accessLine(" c-routed"));
      assertEquals("/things/:id", r.group(7));
      assertEquals("/things/7", r.group(4));

      Matcher nf = matches(logs.accessLine(" c-404"));
      assertEquals("404", nf.group(5));
      assertEquals("-", nf.group(7));

      assertEquals("/health", matches(logs.accessLine(" c-health")).group(7));

      Matcher head = matches(logs.accessLine(" c-head"));
      assertEquals("HEAD", head.group(3));
      assertEquals("-", head.group(6), "no body sent");
    }
  }

  @Test
  void aPreflightAnsweredBeforeDispatchIsLoggedWithItsId() throws Exception {
    try (LogCapture logs = LogCapture.start();
        TestServer server = TestServer.start(TestServer.options().observe(new ObserveOptions().accessLog(ObserveOptions.AccessLog.JSON)),
            app -> {
              app.cors(new io.vivace.cors.CorsOptions().origins("https://app.example"));
              app.get("/hello", () -> "hello!");
              app.get("/things/:id", Path.string("id"), id -> id);
            });
        RawHttp raw = server.raw()) {
      String preflight = "OPTIONS %s HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
          + "Access-Control-Request-Method: GET\r\nX-Request-Id: %s\r\n\r\n";
      raw.write(String.format(preflight, "/hello", "pf-static") + String.format(preflight, "/things/1", "pf-routed"));
      List<RawHttp.Response> rs = raw.read(2);
      assertEquals(204, rs.get(0).status());
      assertEquals("pf-static", rs.get(0).header("x-request-id"));
      Map<String, Object> s = JsonTree.object(logs.accessLine("\"pf-static\""));
      assertEquals("OPTIONS", s.get("method"));
      assertEquals(204L, s.get("status"));
      assertEquals("/hello", s.get("route"), "an exact path is its own template");
      assertEquals(null, JsonTree.object(logs.accessLine("\"pf-routed\"")).get("route"), "answered before routing");
    }
  }

  @Test
  void aFiltersEndListenerAndTheAccessLogBothSeeTheEnd() throws Exception {
    java.util.concurrent.BlockingQueue<String> ends = new java.util.concurrent.ArrayBlockingQueue<>(10);
    try (LogCapture logs = LogCapture.start();
        TestServer server = TestServer.start(TestServer.options().observe(new ObserveOptions().accessLog(ObserveOptions.AccessLog.JSON)),
            app -> {
              app.filter((ex, next) -> {
                ex.onEnd((e, status, bytes, nanos) -> ends.add(e.path() + " " + status));
                return next.proceed();
              });
              app.get("/hello", () -> "hello!");
              app.get("/things/:id", Path.string("id"), id -> id);
            });
        RawHttp raw = server.raw()) {
      raw.write(get("/hello", "f-static") + get("/things/1", "f-routed"));
      raw.read(2);
      assertEquals("/hello", JsonTree.object(logs.accessLine("\"f-static\"")).get("route"));
      assertEquals("/things/:id", JsonTree.object(logs.accessLine("\"f-routed\"")).get("route"));
      assertEquals("/hello 200", ends.poll(5, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals("/things/1 200", ends.poll(5, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void offWritesNothing() throws Exception {
    try (LogCapture logs = LogCapture.start(); TestServer server = start(ObserveOptions.AccessLog.OFF)) {
      assertEquals(200, server.get("/hello").statusCode());
      assertEquals(404, server.get("/nowhere").statusCode());
      Thread.sleep(200); // what is not written cannot be awaited: give the async appender time to show a stray line
      assertTrue(logs.events().stream().noneMatch(e -> e.getLoggerName().equals("io.vivace.access")));
    }
  }

  private static Matcher matches(String line) {
    Matcher m = COMMON.matcher(line);
    assertTrue(m.matches(), line);
    return m;
  }

  private static String get(String path, String id) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Request-Id: " + id + "\r\n\r\n";
  }
}
