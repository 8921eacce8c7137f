package io.vivace.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.vivace.App;
import io.vivace.observe.Tracer;
import io.vivace.observe.Traces;
import io.vivace.tracing.impl.OtelTracer;
import io.vivace.tracing.impl.ServerSpan;

/**
 * The app's OpenTelemetry, for spans of its own. With this module on the class path and
 * {@code VIVACE_TRACING=true}, every request gets a server span named by its route template
 * ({@code GET /posts/:id}), every database statement and Redis command sent while serving it a
 * client span under it, W3C {@code traceparent}/{@code tracestate} are read from requests
 * ({@link io.vivace.observe.Traces#inject} writes them on outbound calls), log lines carry
 * {@code trace_id}; the exporter, sampler and resource come from the standard {@code OTEL_*}
 * variables (docs/observability.md). A span of the app's own, under the request's:
 *
 * <pre>{@code
 * io.opentelemetry.api.trace.Tracer tracer = Tracing.openTelemetry(app).getTracer("my-app");
 * Span span = tracer.spanBuilder("render").setParent(Tracing.current()).startSpan();
 * try { ... } finally { span.end(); }
 * }</pre>
 *
 * Thread-safe.
 */
public final class Tracing {
  private Tracing() {
  }

  /**
   * The OpenTelemetry SDK the app's tracing uses, once the app's start has read its settings.
   *
   * @return {@link OpenTelemetry#noop()} when tracing is off (or before the app's start)
   */
  public static OpenTelemetry openTelemetry(App app) {
    Tracer tracer = Traces.of(app);
    return tracer instanceof OtelTracer ? ((OtelTracer) tracer).sdk() : OpenTelemetry.noop();
  }

  /**
   * The OpenTelemetry context of the request whose Vert.x context is the caller's: its server span's,
   * or the one the request made current ({@code makeCurrent()}), the parent for spans of the app's
   * own. Call it on the request's event loop, in a callback of its futures or in its blocking
   * handler. While this module is the only {@code ContextStorageProvider} on the class path,
   * {@code Context.current()} and {@code Span.current()} answer the same there, so libraries
   * instrumented with the OpenTelemetry API join the request's trace.
   *
   * @return {@link Context#root()} when there is no such request or tracing is off
   */
  public static Context current() {
    Tracer.RequestSpan span = Traces.current();
    return span instanceof ServerSpan ? ((ServerSpan) span).current() : Context.root();
  }
}
