package io.vivace.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.vivace.observe.impl.LineSink;
import io.vivace.observe.impl.logback.BatchingConsoleAppender;
import io.vivace.testing.JsonTree;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The access log's direct path, taken with the default Logback set-up: each event loop's lines go
 * to the batching appender in whole buffers, without a logging event per line. They reach standard
 * output complete, in each connection's order, and none is lost when the server stops.
 */
class AccessLogDirectTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream saved;

  @BeforeEach
  void captureStdout() {
    saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8)); // PrintStream writes are synchronized
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(saved);
  }

  @Test
  void everyLineArrivesInOrderWithinTheFlushInterval() throws Exception {
    assertNotNull(LineSink.of("io.vivace.access"), "the default set-up takes the direct path");
    try (TestServer server = start(); RawHttp raw = server.raw()) {
      StringBuilder requests = new StringBuilder();
      int n = 300; // more than one 16 KiB buffer of lines
      for (int i = 0; i < n; i++) {
        requests.append("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: direct-").append(i).append("\r\n\r\n");
      }
      requests.append("GET /caf%C3%A9 HTTP/1.1\r\nHost: x\r\nX-Request-Id: direct-encoded\r\n\r\n");
      raw.write(requests.toString());
      raw.read(n + 1);
      List<Map<String, Object>> lines = awaitLines("direct-", n + 1);
      for (int i = 0; i < n; i++) {
        assertEquals("direct-" + i, lines.get(i).get("request_id"), "in order");
        assertEquals("/hello", lines.get(i).get("route"));
        assertEquals(200L, lines.get(i).get("status"));
      }
      assertEquals("/caf%C3%A9", lines.get(n).get("route"), "a route declared percent-encoded: " + lines.get(n));
      assertEquals(200L, lines.get(n).get("status"));
    }
  }

  @Test
  void linesStillInALoopsBufferAreWrittenWhenTheServerStops() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger access = ctx.getLogger("io.vivace.access");
    Appender<ILoggingEvent> original = access.getAppender("ACCESS");
    BatchingConsoleAppender slow = appender(ctx, 3_600_000); // neither the loop's timer nor the writer wakes
    access.detachAppender(original);
    access.addAppender(slow);
    try {
      try (TestServer server = start(); RawHttp raw = server.raw()) {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 5; i++) {
          requests.append("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: stop-").append(i).append("\r\n\r\n");
        }
        raw.write(requests.toString());
        raw.read(5);
      }
      slow.stop(); // the logger context's stop at exit does this: writes what was handed over
      List<Map<String, Object>> lines = lines("stop-");
      assertEquals(5, lines.size(), out.toString(StandardCharsets.UTF_8));
      for (int i = 0; i < 5; i++) {
        assertEquals("stop-" + i, lines.get(i).get("request_id"));
      }
    } finally {
      access.detachAppender(slow);
      access.addAppender(original);
    }
  }

  private static TestServer start() {
    return TestServer.start(TestServer.options().observe(new ObserveOptions().accessLog(ObserveOptions.AccessLog.JSON)),
        app -> {
          app.get("/hello", () -> "hello!");
          app.get("/caf%C3%A9", () -> "café");
        });
  }

  private static BatchingConsoleAppender appender(LoggerContext ctx, long intervalMs) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(ctx);
    e.setPattern("%msg%n");
    e.start();
    BatchingConsoleAppender a = new BatchingConsoleAppender();
    a.setContext(ctx);
    a.setName("ACCESS");
    a.setEncoder(e);
    a.setFlushIntervalMillis(intervalMs);
    a.start();
    return a;
  }

  /** The access-log lines whose request id starts with {@code prefix}, waiting up to 10 s for {@code count}. */
  private List<Map<String, Object>> awaitLines(String prefix, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<Map<String, Object>> found = lines(prefix);
    while (found.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
      found = lines(prefix);
    }
    assertEquals(count, found.size(), "lines within 10 s");
    return found;
  }

  private List<Map<String, Object>> lines(String prefix) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{\"time\"") && line.contains("\"request_id\":\"" + prefix)) {
        found.add(JsonTree.object(line));
      }
    }
    return found;
  }
}
