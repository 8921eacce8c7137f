package io.vivace.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.PrometheusText.Sample;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HTTP server meters as Prometheus renders them: labels, histogram buckets, sizes, in flight. */
class HttpServerMetersTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private List<Sample> scrape() {
    return PrometheusText.parse(registry.scrape());
  }

  @Test
  void recordsByMethodRouteTemplateAndStatus() {
    HttpServerMeters meters = new HttpServerMeters(registry);
    HttpServerMeters.Route post = meters.route("GET", "/posts/:id");
    assertSame(post, meters.route("GET", "/posts/:id"), "looked up once, kept by the dispatcher");
    post.record(200, 0, 120, TimeUnit.MILLISECONDS.toNanos(3));
    post.record(200, 0, 80, TimeUnit.MILLISECONDS.toNanos(30));
    post.record(404, 0, 60, TimeUnit.MILLISECONDS.toNanos(1));
    meters.record("POST", "/posts", 201, 300, 90, TimeUnit.MILLISECONDS.toNanos(7));
    meters.record("GET", HttpServerMeters.NO_ROUTE, 999, 0, 0, 1);

    List<Sample> s = scrape();
    assertEquals(2.0, PrometheusText.value(s, "http_server_requests_seconds_count",
        "method", "GET", "route", "/posts/:id", "status", "200"));
    assertEquals(0.033, PrometheusText.value(s, "http_server_requests_seconds_sum",
        "method", "GET", "route", "/posts/:id", "status", "200"), 1e-9);
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_count",
        "method", "GET", "route", "/posts/:id", "status", "404"));
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_count",
        "method", "POST", "route", "/posts", "status", "201"));
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_count",
        "method", "GET", "route", "NONE", "status", "UNKNOWN"));
    // the histogram: cumulative buckets at the default bounds
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_bucket",
        "method", "GET", "route", "/posts/:id", "status", "200", "le", "0.005"));
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_bucket",
        "method", "GET", "route", "/posts/:id", "status", "200", "le", "0.025"));
    assertEquals(2.0, PrometheusText.value(s, "http_server_requests_seconds_bucket",
        "method", "GET", "route", "/posts/:id", "status", "200", "le", "0.05"));
    assertEquals(2.0, PrometheusText.value(s, "http_server_requests_seconds_bucket",
        "method", "GET", "route", "/posts/:id", "status", "200", "le", "+Inf"));
    // body sizes per method and route
    assertEquals(260.0, PrometheusText.value(s, "http_server_response_size_bytes_total", "method", "GET", "route", "/posts/:id"));
    assertEquals(300.0, PrometheusText.value(s, "http_server_request_size_bytes_total", "method", "POST", "route", "/posts"));
    for (Sample sample : s) {
      if (sample.name().startsWith("http_server_requests_seconds")) {
        assertTrue(sample.labels().keySet().containsAll(List.of("method", "route", "status")), sample.toString());
      }
    }
  }

  @Test
  void unmatchedRequestsKeepTheirMethodUnlessItIsUnknown() {
    HttpServerMeters meters = new HttpServerMeters(registry);
    assertSame(meters.route("DELETE", HttpServerMeters.NO_ROUTE), meters.noRoute("DELETE"));
    assertSame(meters.noRoute("DELETE"), meters.noRoute("DELETE"), "made once, then read from an array");
    meters.noRoute("BREW").record(405, 0, 0, 1);
    meters.noRoute("PROPFIND").record(405, 0, 0, 1);
    meters.noRoute(null).record(400, 0, 0, 1);
    List<Sample> s = scrape();
    assertEquals(2.0, PrometheusText.value(s, "http_server_requests_seconds_count",
        "method", HttpServerMeters.OTHER_METHOD, "route", "NONE", "status", "405"), "a client cannot add a label value");
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_count",
        "method", HttpServerMeters.OTHER_METHOD, "route", "NONE", "status", "400"));
  }

  @Test
  void bucketsCanBeChosen() {
    HttpServerMeters meters = new HttpServerMeters(registry, Duration.ofMillis(1), Duration.ofMillis(2));
    meters.record("GET", "/", 200, 0, 0, TimeUnit.MICROSECONDS.toNanos(1500));
    List<Sample> s = scrape();
    assertEquals(0.0, PrometheusText.value(s, "http_server_requests_seconds_bucket", "route", "/", "le", "0.001"));
    assertEquals(1.0, PrometheusText.value(s, "http_server_requests_seconds_bucket", "route", "/", "le", "0.002"));
    assertTrue(Double.isNaN(PrometheusText.value(s, "http_server_requests_seconds_bucket", "route", "/", "le", "0.005")));
  }

  @Test
  void countsRequestsInFlight() {
    HttpServerMeters meters = new HttpServerMeters(registry);
    meters.begin();
    meters.begin();
    meters.end();
    assertEquals(1.0, PrometheusText.value(scrape(), "http_server_requests_active"));
    meters.end();
    assertEquals(0.0, PrometheusText.value(scrape(), "http_server_requests_active"));
  }
}
