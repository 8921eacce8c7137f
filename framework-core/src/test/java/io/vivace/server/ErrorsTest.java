package io.vivace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vivace.extract.Body;
import io.vivace.problem.ProblemException;
import io.vivace.testing.JsonTree;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.options().maxBodySize(1024), app -> {
      app.get("/things/:id", io.vivace.extract.Path.string("id"), id -> "thing " + id);
      app.put("/things/:id", Body.text(), t -> t);
      app.post("/upload", Body.buffer(), b -> "got " + b.length());
      app.get("/boom", () -> {
        throw new IllegalStateException("SELECT password FROM users -- secret internals");
      });
      app.get("/async-boom", () -> Future.failedFuture(new RuntimeException("connection string with secrets")));
      app.get("/conflict", () -> {
        throw ProblemException.conflict("The name is taken.");
      });
      app.get("/limited", () -> Future.failedFuture(ProblemException.of(429, "Too many attempts.")
          .withHeader("Retry-After", "30")));
      app.get("/unavailable", () -> Future.failedFuture(new ProblemException(
          io.vivace.problem.Problem.of(503, "Try again shortly."), new IllegalStateException("database down"))));
      app.get("/unavailable-for-a-while", () -> Future.failedFuture(ProblemException.of(503, "Maintenance.").retryAfter(120)));
      app.get("/unprocessable", () -> io.vivace.response.Response.status(422));
      app.get("/challenge", () -> {
        throw ProblemException.of(401, "A bearer token is required.").withHeader("WWW-Authenticate", "Bearer");
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, Object> problem(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
    Map<String, Object> p = JsonTree.object(r.body());
    assertEquals((long) status, p.get("status"));
    assertEquals("about:blank", p.get("type"));
    assertNotNull(p.get("title"));
    return p;
  }

  @Test
  void problemsCarryTheirResponseHeaders() {
    HttpResponse<String> limited = server.get("/limited");
    assertEquals("Too many attempts.", problem(limited, 429).get("detail"));
    assertEquals("30", limited.headers().firstValue("retry-after").orElseThrow());
    HttpResponse<String> challenge = server.get("/challenge");
    problem(challenge, 401);
    assertEquals("Bearer", challenge.headers().firstValue("www-authenticate").orElseThrow());
    assertFalse(server.get("/conflict").headers().firstValue("retry-after").isPresent());
  }

  @Test
  void every503CarriesRetryAfterAndTheCauseStaysOutOfTheAnswer() {
    HttpResponse<String> r = server.get("/unavailable");
    assertEquals("Try again shortly.", problem(r, 503).get("detail"));
    assertEquals(Integer.toString(ProblemException.DEFAULT_RETRY_AFTER_SECONDS),
        r.headers().firstValue("retry-after").orElseThrow());
    assertFalse(r.body().contains("database down"), r.body());
    HttpResponse<String> own = server.get("/unavailable-for-a-while");
    problem(own, 503);
    assertEquals("120", own.headers().firstValue("retry-after").orElseThrow());
    ProblemException withCause = new ProblemException(io.vivace.problem.Problem.of(503, "x"), new IllegalStateException("c"))
        .retryAfter(3);
    assertEquals("c", withCause.getCause().getMessage(), "withHeader keeps the cause");
    assertEquals(Map.of("Retry-After", "3"), withCause.headers());
  }

  @Test
  void reasonPhrasesAreRfc9110s() throws Exception {
    assertEquals("HTTP/1.1 413 Content Too Large", statusLine("POST /upload HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000)));
    assertEquals("HTTP/1.1 422 Unprocessable Content", statusLine(RawHttp.get("/unprocessable")));
  }

  private static String statusLine(String request) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      StringBuilder line = new StringBuilder();
      for (int c = s.getInputStream().read(); c != -1 && c != '\r'; c = s.getInputStream().read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  @Test
  void unknownPathsAre404Problems() {
    Map<String, Object> p = problem(server.get("/nowhere"), 404);
    assertEquals("Not Found", p.get("title"));
    assertEquals("/nowhere", p.get("instance"));
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<String> r = server.send("DELETE", "/things/7", null, null);
    problem(r, 405);
    assertEquals("GET, HEAD, PUT", r.headers().firstValue("allow").orElseThrow());
  }

  @Test
  void tooLargeBodiesAre413() {
    Map<String, Object> p = problem(server.send("POST", "/upload", "application/octet-stream", "x".repeat(2000)), 413);
    assertEquals("Content Too Large", p.get("title"));
    assertEquals("got 1000", server.send("POST", "/upload", "application/octet-stream", "x".repeat(1000)).body());
  }

  @Test
  void handlerFailuresAre500WithARequestIdAndNoInternals() {
    for (String path : new String[] {"/boom", "/async-boom"}) {
      HttpResponse<String> r = server.get(path);
      Map<String, Object> p = problem(r, 500);
      String id = (String) p.get("request_id");
      assertNotNull(id, r.body());
      assertEquals(id, r.headers().firstValue("x-request-id").orElseThrow());
      assertFalse(r.body().contains("SELECT") || r.body().contains("secret") || r.body().contains("Exception"), r.body());
    }
    HttpResponse<String> given = server.send(HttpRequest.newBuilder(server.uri("/boom")).header("X-Request-Id", "abc-123"));
    assertEquals("abc-123", JsonTree.object(given.body()).get("request_id"));
  }

  @Test
  void problemExceptionsKeepTheirStatus() {
    HttpResponse<String> r = server.get("/conflict");
    Map<String, Object> p = problem(r, 409);
    assertEquals("The name is taken.", p.get("detail"));
    assertEquals(r.headers().firstValue("x-request-id").orElseThrow(), p.get("request_id"), "every problem carries the id");
  }

  @Test
  void oversizedRequestLinesAre414AndHeaders431() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/things/" + "a".repeat(10_000)));
      assertEquals(414, raw.readOne().status());
    }
    try (RawHttp raw = server.raw()) {
      raw.write("GET /things/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n");
      assertEquals(431, raw.readOne().status());
    }
  }
}
