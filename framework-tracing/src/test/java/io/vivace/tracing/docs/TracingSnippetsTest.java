package io.vivace.tracing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.MultiMap;
import io.vivace.tracing.Spans;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The guide's own-span snippet: its span is a child of the request's, the outbound header names it. */
class TracingSnippetsTest {

  @Test
  void ownSpanUnderTheServerSpan() {
    Spans.reset();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    try (TestServer server = TestServer.start(Spans.traced(), app -> TracingSnippets.declare(app, headers))) {
      assertEquals("report", server.get("/report").body());
      SpanData http = Spans.server(server.app(), "GET /report");
      SpanData own = Spans.await(server.app(), s -> s.getName().equals("render report"), "render report");
      assertEquals(http.getSpanId(), own.getParentSpanId());
      String traceparent = headers.get("traceparent");
      assertEquals("00-" + http.getTraceId() + "-" + http.getSpanId() + "-", traceparent.substring(0, 53), traceparent);
      assertEquals(1, Integer.parseInt(traceparent.substring(53), 16) & 1, "sampled: " + traceparent);
    }
  }
}
