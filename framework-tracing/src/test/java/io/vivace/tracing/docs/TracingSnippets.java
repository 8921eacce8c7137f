package io.vivace.tracing.docs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.MultiMap;
import io.vivace.App;
import io.vivace.observe.Traces;
import io.vivace.tracing.Tracing;

/** The code of docs/observability.md's tracing section, compiled and run by {@link TracingSnippetsTest}. */
final class TracingSnippets {
  private TracingSnippets() {
  }

  /** Declares a route that makes a span of its own and passes the trace on to an outbound call. */
  static void declare(App app, MultiMap outboundHeaders) {
    // tag::own-span[]
    app.get("/report", () -> {
      Tracer tracer = Tracing.openTelemetry(app).getTracer("my-app");   // a no-op tracer when tracing is off
      Span span = tracer.spanBuilder("render report")
          .setParent(Tracing.current())                                  // under the request's server span
          .startSpan();
      try {
        Traces.inject(outboundHeaders);   // traceparent, tracestate for a call to another service
        return "report";
      } finally {
        span.end();
      }
    });
    // end::own-span[]
  }
}
