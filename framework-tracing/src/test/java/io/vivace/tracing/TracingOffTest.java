package io.vivace.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.internal.ContextInternal;
import io.vivace.config.VivaceOptions;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.Traces;
import io.vivace.observe.impl.ObserveLocals;
import io.vivace.testing.TestServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Tracing off (the default) touches nothing, with this module on the class path and the SDK's
 * settings in place: the SDK is never built (its exporter never asked for), the app has no tracer,
 * a request has no span, and with request ids, the access log and metrics off too there is no
 * per-request stage at all on the event loop.
 */
class TracingOffTest {

  @Test
  void offByDefaultBuildsNoSdkAndLeavesRequestsAlone() {
    Spans.configure();
    Spans.reset();
    int created = MemoryExporter.CREATED.get();
    Map<String, Object> seen = new ConcurrentHashMap<>();
    VivaceOptions options = TestServer.options().metrics(false)
        .observe(new ObserveOptions().requestId(false)); // tracing: its default, off
    try (TestServer server = TestServer.start(options, app -> {
      app.get("/plain", () -> {
        seen.put("span", String.valueOf(Traces.current()));
        seen.put("traceId", String.valueOf(Traces.currentTraceId()));
        seen.put("stages", String.valueOf(ContextInternal.current().unwrap().getLocal(ObserveLocals.STAGES)));
        Traces.inject((k, v) -> seen.put("header " + k, v));
        return "plain";
      });
      app.get("/things/:id", io.vivace.extract.Path.string("id"), id -> "thing");
    })) {
      assertNull(Traces.of(server.app()));
      assertSame(OpenTelemetry.noop(), Tracing.openTelemetry(server.app()));
      assertEquals("plain", server.get("/plain").body());
      assertEquals("thing", server.get("/things/1").body());
      assertEquals("null", seen.get("span"));
      assertEquals("null", seen.get("traceId"));
      assertEquals("null", seen.get("stages"), "no observe stage on the event loop: nothing runs per request");
      assertTrue(seen.keySet().stream().noneMatch(k -> k.startsWith("header ")), "nothing injected: " + seen);
    }
    assertEquals(created, MemoryExporter.CREATED.get(), "the SDK was never built");
    assertTrue(Spans.all().isEmpty(), Spans.describe(Spans.all()));
  }

  @Test
  void otelSdkDisabledMeansNoTracerEvenWhenAskedFor() {
    Spans.configure();
    int created = MemoryExporter.CREATED.get();
    System.setProperty("otel.sdk.disabled", "true");
    try (TestServer server = TestServer.start(Spans.traced(), app -> app.get("/x", () -> "x"))) {
      assertNull(Traces.of(server.app()));
      assertEquals("x", server.get("/x").body());
    } finally {
      System.clearProperty("otel.sdk.disabled");
    }
    assertEquals(created, MemoryExporter.CREATED.get(), "no exporter made for a disabled SDK");
  }
}
