package io.vivace.loadtests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /echo} on the baseline (no database needed): the same answers as the techempower example's. */
class EchoEndpointTest {
  private static final String BODY =
      "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"tags\":[\"analytical\",\"engine\"]}";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    vertx = BaselineServer.start("127.0.0.1", port, 1).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      BaselineServer.close(vertx);
    }
  }

  private static HttpResponse<String> send(String method, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void echoesTheBody() throws Exception {
    HttpResponse<String> r = send("POST", BODY);
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(BODY, r.body());
    // twice on the same event loop: the reused reader and writer start clean
    assertEquals(BODY, send("POST", BODY).body());
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertEquals(400, send("POST", "{\"id\":").statusCode());
    assertEquals(400, send("POST", "").statusCode());
  }

  @Test
  void getIs405() throws Exception {
    HttpResponse<String> r = send("GET", null);
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
  }
}
