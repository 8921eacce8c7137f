package io.vivace.loadtests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the baseline on a free port with two event loops and checks what wrk will hit. */
class BaselineServerTest {
  private static Vertx vertx;
  private static int port;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    vertx = BaselineServer.start("127.0.0.1", port, 2).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      BaselineServer.close(vertx);
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The Date header parses as RFC 1123 and is within a minute of now. */
  private static String assertServerAndDate(HttpResponse<?> response) {
    assertEquals("Vert.x", response.headers().firstValue("Server").orElseThrow());
    String date = response.headers().firstValue("Date").orElseThrow();
    ZonedDateTime parsed = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
    long skew = Math.abs(Duration.between(parsed, ZonedDateTime.now()).toSeconds());
    assertTrue(skew < 60, "Date too far from now: " + date);
    return date;
  }

  @Test
  void plaintext() throws Exception {
    HttpResponse<String> r = get("/plaintext");
    assertEquals(200, r.statusCode());
    assertEquals("Hello, World!", r.body());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("13", r.headers().firstValue("Content-Length").orElseThrow());
    assertServerAndDate(r);
  }

  @Test
  void json() throws Exception {
    HttpResponse<String> r = get("/json");
    assertEquals(200, r.statusCode());
    assertEquals("{\"message\":\"Hello, World!\"}", r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(String.valueOf(r.body().length()), r.headers().firstValue("Content-Length").orElseThrow());
    assertServerAndDate(r);
    // The reused writer must not leak the previous response into the next one.
    assertEquals(r.body(), get("/json").body());
  }

  @Test
  void unknownPathIs404WithHeaders() throws Exception {
    HttpResponse<String> r = get("/nope");
    assertEquals(404, r.statusCode());
    assertServerAndDate(r);
  }

  @Test
  void dateIsRefreshedByTheTimer() throws Exception {
    String before = assertServerAndDate(get("/plaintext"));
    Thread.sleep(2100); // at least two ticks of the one-second timer, the last a second or more later
    String after = assertServerAndDate(get("/plaintext"));
    assertNotEquals(before, after);
  }

  @Test
  void pipelinedRequestsAllGetAnswers() throws Exception {
    // wrk's pipeline script sends many requests in one write, as TechEmpower's plaintext test does.
    String one = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((one.repeat(16)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder received = new StringBuilder();
      byte[] buf = new byte[8192];
      while (count(received, "Hello, World!") < 16) {
        int n = in.read(buf);
        assertTrue(n > 0, "connection closed after: " + received);
        received.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
      }
      assertEquals(16, count(received, "HTTP/1.1 200 OK"));
    }
  }

  private static int count(CharSequence text, String needle) {
    int n = 0;
    for (int i = text.toString().indexOf(needle); i >= 0; i = text.toString().indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
