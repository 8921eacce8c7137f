package io.vivace.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vivace.config.VivaceOptions;
import io.vivace.observe.ObserveOptions;
import io.vivace.testing.LogCapture;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace id in log lines next to the request id: an app's log line written while serving a
 * request carries {@code trace_id} (the server span's), the JSON access log has a
 * {@code "trace_id"} member; with tracing off neither appears.
 */
class LogTraceIdTest {
  static final Logger LOG = LoggerFactory.getLogger("trace-log-test");

  @Test
  void logLinesAndTheAccessLogCarryTheTraceId() {
    VivaceOptions options = Spans.traced().observe(new ObserveOptions().tracing(true)
        .accessLog(ObserveOptions.AccessLog.JSON));
    try (LogCapture logs = LogCapture.start();
        TestServer server = TestServer.start(options, app -> app.get("/logged", () -> {
          LOG.info("serving logged");
          return "ok";
        }))) {
      String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
      server.send(HttpRequest.newBuilder(server.uri("/logged"))
          .header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-01").header("X-Request-Id", "log-trace-1"));
      SpanData span = Spans.server(server.app(), "GET /logged");
      assertEquals(traceId, span.getTraceId());
      ILoggingEvent line = logs.await(e -> e.getFormattedMessage().equals("serving logged"), Duration.ofSeconds(10),
          "from the handler");
      assertEquals("log-trace-1", LogCapture.requestId(line));
      assertEquals(traceId, pair(line, "trace_id"));
      String access = logs.accessLine("log-trace-1");
      assertTrue(access.contains("\"trace_id\":\"" + traceId + "\""), access);
    }
  }

  @Test
  void commonAccessLogEndsWithTheTraceId() {
    VivaceOptions options = Spans.traced().observe(new ObserveOptions().tracing(true)
        .accessLog(ObserveOptions.AccessLog.COMMON));
    try (LogCapture logs = LogCapture.start();
        TestServer server = TestServer.start(options, app -> app.get("/common", () -> "ok"))) {
      String traceId = "7bf92f3577b34da6a3ce929d0e0e4739";
      server.send(HttpRequest.newBuilder(server.uri("/common"))
          .header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-01").header("X-Request-Id", "log-trace-3"));
      String access = logs.accessLine("log-trace-3");
      assertTrue(access.endsWith(" log-trace-3 " + traceId), access);
    }
  }

  @Test
  void withTracingOffNoTraceIdAnywhere() {
    VivaceOptions options = TestServer.options().observe(new ObserveOptions().accessLog(ObserveOptions.AccessLog.JSON));
    try (LogCapture logs = LogCapture.start();
        TestServer server = TestServer.start(options, app -> app.get("/quiet", () -> {
          LOG.info("serving quiet");
          return "ok";
        }))) {
      server.send(HttpRequest.newBuilder(server.uri("/quiet")).header("X-Request-Id", "log-trace-2")
          .header("traceparent", "00-6bf92f3577b34da6a3ce929d0e0e4738-00f067aa0ba902b9-01"));
      ILoggingEvent line = logs.await(e -> e.getFormattedMessage().equals("serving quiet"), Duration.ofSeconds(10),
          "from the handler");
      assertEquals("log-trace-2", LogCapture.requestId(line));
      assertEquals(null, pair(line, "trace_id"));
      assertFalse(logs.accessLine("log-trace-2").contains("trace_id"));
    }
  }

  private static String pair(ILoggingEvent e, String key) {
    return e.getKeyValuePairs() == null ? null : e.getKeyValuePairs().stream().filter(p -> p.key.equals(key))
        .map(p -> String.valueOf(p.value)).findFirst().orElse(null);
  }
}
