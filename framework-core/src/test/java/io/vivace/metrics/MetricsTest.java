package io.vivace.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.internal.VertxInternal;
import io.vivace.impl.AppImpl;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.PrometheusText.Sample;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on a real app: format, meters, the off switch, the management port. */
class MetricsTest {

  @Test
  void servesThePrometheusTextFormatWithJvmProcessAndEventLoopMeters() {
    try (TestServer s = TestServer.start(app -> app.get("/hello", () -> "hi"))) {
      HttpResponse<String> r = s.get("/metrics");
      assertEquals(200, r.statusCode());
      assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
      assertEquals("no-store", r.headers().firstValue("cache-control").orElseThrow());
      List<Sample> samples = PrometheusText.parse(r.body());
      assertTrue(PrometheusText.sum(samples, "jvm_memory_used_bytes") > 0, "heap and non-heap in use");
      assertTrue(PrometheusText.sum(samples, "jvm_threads_live_threads") > 0);
      assertTrue(PrometheusText.sum(samples, "jvm_classes_loaded_classes") > 0);
      assertTrue(PrometheusText.value(samples, "process_uptime_seconds") > 0);
      assertTrue(PrometheusText.value(samples, "process_files_open_files") > 0);
      assertFalse(Double.isNaN(PrometheusText.value(samples, "process_cpu_usage")));
      for (String loop : new String[] {"0", "1"}) { // TestServer runs two event loops
        double lag = PrometheusText.value(samples, "vivace_event_loop_lag_seconds", "loop", loop);
        assertTrue(lag >= 0 && lag < 5, "lag of loop " + loop + ": " + lag);
        assertFalse(Double.isNaN(PrometheusText.value(samples, "vivace_event_loop_delay_seconds_count", "loop", loop)));
      }
      assertTrue(Double.isNaN(PrometheusText.value(samples, "vivace_event_loop_lag_seconds", "loop", "2")));
    }
  }

  @Test
  void eventLoopProbesRunOnTheirInterval() throws Exception {
    try (TestServer s = TestServer.start(TestServer.options().eventLoopLagIntervalMs(20), app -> { })) {
      double count = 0;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (count < 5 && System.nanoTime() < deadline) {
        count = PrometheusText.value(PrometheusText.parse(s.get("/metrics").body()),
            "vivace_event_loop_delay_seconds_count", "loop", "1");
        Thread.sleep(20);
      }
      assertTrue(count >= 5, "measurements on loop 1: " + count);
    }
  }

  @Test
  void aBlockedEventLoopShowsAsLagOnThatLoop() throws Exception {
    try (TestServer s = TestServer.start(TestServer.options().eventLoopLagIntervalMs(20), app -> { })) {
      List<EventExecutor> loops = new ArrayList<>();
      ((VertxInternal) s.app().vertx()).nettyEventLoopGroup().forEach(loops::add);
      loops.get(1).execute(() -> {
        try {
          Thread.sleep(400); // a blocking call on event loop 1
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      double worst = 0;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (worst < 0.3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        worst = PrometheusText.value(PrometheusText.parse(s.get("/metrics").body()),
            "vivace_event_loop_delay_seconds_max", "loop", "1");
      }
      assertTrue(worst >= 0.3, "the 400 ms block seen on loop 1: " + worst);
    }
  }

  @Test
  void answersOpenMetricsWhenAskedFor() {
    try (TestServer s = TestServer.start(app -> { })) {
      HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/metrics"))
          .header("Accept", "application/openmetrics-text; version=1.0.0, text/plain;q=0.5").GET());
      assertEquals(200, r.statusCode());
      assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
          r.headers().firstValue("content-type").orElseThrow());
      assertTrue(r.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
      assertTrue(r.body().contains("# TYPE vivace_event_loop_lag_seconds gauge"), r.body());
    }
  }

  @Test
  void aModuleRegistersItsMetersInAStartHook() {
    AtomicReference<Counter> counter = new AtomicReference<>();
    try (TestServer s = TestServer.start(app -> {
      app.onStart(vertx -> {
        MeterRegistry registry = Metrics.registry(app);
        counter.set(Counter.builder("myapp.greetings").register(registry));
        return Future.succeededFuture();
      });
      app.get("/hello", () -> {
        counter.get().increment();
        return "hi";
      });
    })) {
      s.get("/hello");
      s.get("/hello");
      List<Sample> samples = PrometheusText.parse(s.get("/metrics").body());
      assertEquals(2.0, PrometheusText.value(samples, "myapp_greetings_total"));
      assertNotNull(Metrics.registry(s.app()));
    }
  }

  @Test
  void offMeansNoRegistryAndNoRoute() {
    AtomicReference<MeterRegistry> seen = new AtomicReference<>();
    try (TestServer s = TestServer.start(TestServer.options().metrics(false), app -> app.onStart(vertx -> {
      seen.set(Metrics.registry(app));
      return Future.succeededFuture();
    }))) {
      assertNull(seen.get());
      assertNull(Metrics.registry(s.app()));
      HttpResponse<String> r = s.get("/metrics");
      assertEquals(404, r.statusCode());
      assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
      assertEquals(200, s.get("/health/live").statusCode(), "the probes stay");
    }
  }

  @Test
  void anAppRouteOnTheSamePathWins() {
    try (TestServer s = TestServer.start(app -> {
      app.get("/metrics", () -> "mine");
      app.get("/health/ready", () -> "ready my way");
    })) {
      assertEquals("mine", s.get("/metrics").body());
      assertEquals("ready my way", s.get("/health/ready").body());
    }
  }

  @Test
  void otherMethodsAre405() {
    try (TestServer s = TestServer.start(app -> { })) {
      HttpResponse<String> r = s.send("POST", "/metrics", null, null);
      assertEquals(405, r.statusCode());
      assertTrue(r.headers().firstValue("allow").orElseThrow().contains("GET"));
    }
  }

  @Test
  void aManagementPortServesMetricsAndProbesAwayFromTheAppsPort() throws Exception {
    int management;
    try (ServerSocket free = new ServerSocket(0)) {
      management = free.getLocalPort();
    }
    try (TestServer s = TestServer.start(TestServer.options().managementPort(management), app -> app.get("/hello", () -> "hi"))) {
      assertEquals(management, ((AppImpl) s.app()).managementPort());
      assertEquals(404, s.get("/metrics").statusCode());
      assertEquals(404, s.get("/health/live").statusCode());
      assertEquals(404, s.get("/health/ready").statusCode());
      assertEquals(200, s.get("/health").statusCode(), "/health stays on the app's port");
      assertEquals("hi", s.get("/hello").body());
      URI base = URI.create("http://127.0.0.1:" + management);
      HttpResponse<String> metrics = s.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET());
      assertEquals(200, metrics.statusCode());
      assertFalse(PrometheusText.parse(metrics.body()).isEmpty());
      assertEquals(200, s.send(HttpRequest.newBuilder(base.resolve("/health/live")).GET()).statusCode());
      assertEquals(200, s.send(HttpRequest.newBuilder(base.resolve("/health/ready")).GET()).statusCode());
      HttpResponse<String> other = s.send(HttpRequest.newBuilder(base.resolve("/hello")).GET());
      assertEquals(404, other.statusCode());
      assertEquals("application/problem+json", other.headers().firstValue("content-type").orElseThrow());
    }
  }

  @Test
  void renderingTimeIsRecorded() {
    try (TestServer s = TestServer.start(app -> { })) {
      s.get("/metrics");
      List<Sample> samples = PrometheusText.parse(s.get("/metrics").body());
      assertTrue(PrometheusText.value(samples, "vivace_metrics_scrape_seconds_count") >= 1);
      assertTrue(PrometheusText.value(samples, "vivace_metrics_scrape_seconds_sum") > 0);
    }
  }
}
