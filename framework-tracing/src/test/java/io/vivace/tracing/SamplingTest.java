package io.vivace.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.observe.Traces;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Sampling off ({@code OTEL_TRACES_SAMPLER=always_off}, or a parent-based ratio of 0) records no
 * span at all, while the request still carries its trace context (for log lines and outbound
 * calls); a parent-based sampler follows an incoming sampled {@code traceparent}. Spans are checked
 * after the app has stopped: its SDK has then exported everything it would ever export.
 */
class SamplingTest {
  final Map<String, String> seen = new ConcurrentHashMap<>();

  private TestServer start(String sampler, String arg) {
    Spans.configure();
    System.setProperty("otel.traces.sampler", sampler);
    if (arg != null) {
      System.setProperty("otel.traces.sampler.arg", arg);
    }
    try {
      App app = Vivace.app(Spans.traced());
      app.get("/s", () -> {
        seen.put("recording", Boolean.toString(Traces.current().recording()));
        seen.put("traceId", String.valueOf(Traces.currentTraceId()));
        Traces.inject(seen::put);
        return "ok";
      });
      return TestServer.started(app);
    } finally {
      System.clearProperty("otel.traces.sampler");
      System.clearProperty("otel.traces.sampler.arg");
    }
  }

  @Test
  void alwaysOffRecordsNothing() {
    Spans.reset();
    TestServer server = start("always_off", null);
    for (int i = 0; i < 20; i++) {
      assertEquals(200, server.get("/s").statusCode());
    }
    server.close(); // flushes and shuts the SDK down
    assertTrue(Spans.all().isEmpty(), Spans.describe(Spans.all()));
    assertEquals("false", seen.get("recording"));
    assertEquals(32, seen.get("traceId").length(), "an unsampled request still has a trace id: " + seen);
    String flags = seen.get("traceparent").substring(seen.get("traceparent").lastIndexOf('-') + 1);
    assertEquals(0, Integer.parseInt(flags, 16) & 1, "propagated as not sampled (W3C flag 01 clear): " + seen);
  }

  @Test
  void parentBasedRatioZeroRecordsNothingButFollowsASampledParent() {
    Spans.reset();
    TestServer server = start("parentbased_traceidratio", "0");
    for (int i = 0; i < 20; i++) {
      assertEquals(200, server.get("/s").statusCode());
    }
    String traceId = "11112222333344445555666677778888";
    server.send(HttpRequest.newBuilder(server.uri("/s")).header("traceparent", "00-" + traceId + "-1111222233334444-01"));
    assertEquals("true", seen.get("recording"), "the caller sampled it");
    server.close();
    assertEquals(1, Spans.all().size(), Spans.describe(Spans.all()));
    assertEquals(traceId, Spans.all().get(0).getTraceId());
    assertFalse(Spans.ofTrace(traceId).isEmpty());
    assertNotNull(seen.get("traceparent"));
  }
}
