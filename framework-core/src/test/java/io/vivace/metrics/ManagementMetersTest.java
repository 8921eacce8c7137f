package io.vivace.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The management port's requests ({@code VIVACE_MANAGEMENT_PORT}) in the same HTTP meters as the
 * app's port, by route template: {@code /metrics}, the probes and the OpenAPI document make the same
 * series wherever they are served; anything refused or unparsable is {@code NONE}.
 */
class ManagementMetersTest {

  @Test
  void managementRequestsAreCountedByRouteTemplate() throws Exception {
    int management;
    try (ServerSocket free = new ServerSocket(0)) {
      management = free.getLocalPort();
    }
    try (TestServer s = TestServer.start(TestServer.options().managementPort(management), app -> app.get("/hello", () -> "hi"))) {
      MeterRegistry registry = Metrics.registry(s.app());
      URI base = URI.create("http://127.0.0.1:" + management);
      assertEquals(200, s.send(HttpRequest.newBuilder(base.resolve("/health/live"))).statusCode());
      assertEquals(200, s.send(HttpRequest.newBuilder(base.resolve("/health/live"))).statusCode());
      assertEquals(200, s.send(HttpRequest.newBuilder(base.resolve("/health/ready/"))).statusCode(), "a trailing slash");
      assertEquals(200, s.send(HttpRequest.newBuilder(base.resolve("/health/ready"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
      HttpResponse<String> doc = s.send(HttpRequest.newBuilder(base.resolve("/openapi.json")));
      assertEquals(200, doc.statusCode());
      assertEquals(404, s.send(HttpRequest.newBuilder(base.resolve("/nowhere"))).statusCode());
      assertEquals(404, s.send(HttpRequest.newBuilder(base.resolve("/hello"))).statusCode(), "the app's routes are not here");
      assertEquals(405, s.send(HttpRequest.newBuilder(base.resolve("/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
      try (RawHttp raw = new RawHttp("127.0.0.1", management)) {
        raw.write("GET /metrics HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
        assertEquals(400, raw.readOne().status());
      }
      assertEquals("hi", s.get("/hello").body());
      settled(registry);

      assertEquals(2, count(registry, "GET", "/health/live", "200"));
      assertEquals(1, count(registry, "GET", "/health/ready", "200"), "/health/ready/ is that route");
      assertEquals(1, count(registry, "HEAD", "/health/ready", "200"), "HEAD has its own series");
      assertEquals(1, count(registry, "GET", "/openapi.json", "200"), "a management-only route");
      assertEquals(doc.body().length(), registry.get("http.server.response.size").tags("method", "GET", "route",
          "/openapi.json").functionCounter().count(), "its body bytes");
      assertEquals(2, count(registry, "GET", HttpServerMeters.NO_ROUTE, "404"));
      assertEquals(1, count(registry, "POST", HttpServerMeters.NO_ROUTE, "405"), "refused: no route");
      assertEquals(1, count(registry, "GET", HttpServerMeters.NO_ROUTE, "400"), "a head that fails to parse");
      assertEquals(1, count(registry, "GET", "/hello", "200"), "the app's port as before");
      assertEquals(0, registry.get("http.server.requests.active").gauge().value(), "every request ended");

      HttpResponse<String> scrape = s.send(HttpRequest.newBuilder(base.resolve("/metrics")));
      assertEquals(2.0, PrometheusText.value(PrometheusText.parse(scrape.body()), "http_server_requests_seconds_count",
          "method", "GET", "route", "/health/live", "status", "200"), "the same series as on the app's port");
      settled(registry);
      assertEquals(1, count(registry, "GET", "/metrics", "200"), "the scrape, once it ended");
      assertTrue(registry.get("http.server.requests").tags("method", "GET", "route", "/metrics", "status", "200").timer()
          .totalTime(TimeUnit.NANOSECONDS) > 0);
    }
  }

  private static long count(MeterRegistry registry, String method, String route, String status) {
    Timer t = registry.find("http.server.requests").tags("method", method, "route", route, "status", status).timer();
    return t == null ? 0 : t.count();
  }

  /** Waits (5 s at most) until no request is active: a request is recorded before it stops being active. */
  private static void settled(MeterRegistry registry) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (registry.get("http.server.requests.active").gauge().value() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
