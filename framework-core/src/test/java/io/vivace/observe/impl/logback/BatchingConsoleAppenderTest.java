package io.vivace.observe.impl.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lines reach standard output in order, many per write, none lost at stop; a full queue drops and counts. */
class BatchingConsoleAppenderTest {
  private final LoggerContext ctx = new LoggerContext();
  private final Writes writes = new Writes();
  private PrintStream saved;

  @BeforeEach
  void captureStdout() {
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's provider does
    saved = System.out;
    System.setOut(new PrintStream(writes, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(saved);
    ctx.stop();
  }

  @Test
  void manyLinesInFewWritesInOrder() throws Exception {
    BatchingConsoleAppender a = appender(8192, 20);
    for (int i = 0; i < 1000; i++) {
      a.doAppend(event("line " + i));
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (writes.text().split("\n", -1).length < 1001 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    String[] lines = writes.text().split("\n");
    assertEquals(1000, lines.length, "every line written within the interval, without a stop");
    for (int i = 0; i < 1000; i++) {
      assertEquals("line " + i, lines[i]);
    }
    assertTrue(writes.count() < 100, "batched: " + writes.count() + " writes for 1000 lines");
    a.stop();
  }

  @Test
  void stopWritesWhatIsQueued() {
    BatchingConsoleAppender a = appender(8192, 3_600_000); // the writer would not wake for an hour
    a.doAppend(event("first"));
    a.doAppend(event("second"));
    a.stop();
    assertEquals("first\nsecond\n", writes.text());
    assertEquals(1, writes.count(), "one write for the whole batch");
  }

  @Test
  void aFullQueueDropsAndCounts() {
    BatchingConsoleAppender a = appender(4, 3_600_000);
    for (int i = 0; i < 10; i++) {
      a.doAppend(event("l" + i));
    }
    assertEquals(6, a.dropped());
    a.stop();
    assertEquals("l0\nl1\nl2\nl3\n", writes.text(), "the first four kept, in order");
    List<String> warnings = new ArrayList<>();
    for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() == Status.WARN) {
        warnings.add(s.getMessage());
      }
    }
    assertEquals(List.of("6 access-log lines dropped: the queue of 4 was full"), warnings);
  }

  @Test
  void handedOverBuffersKeepTheirPlaceAmongEvents() {
    BatchingConsoleAppender a = appender(8192, 3_600_000);
    a.doAppend(event("event 1"));
    byte[] b = a.buffer(64);
    byte[] lines = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(lines, 0, b, 0, lines.length);
    a.offer(b, lines.length, 2);
    a.doAppend(event("event 2"));
    a.stop();
    assertEquals("event 1\nline 1\nline 2\nevent 2\n", writes.text(), "only the buffer's first length bytes, in order");
    assertTrue(a.buffer(64) == b, "the written buffer comes back for reuse");
    assertTrue(a.buffer(1 << 20).length == 1 << 20, "a bigger one when asked");
  }

  @Test
  void attachedAppendersGetEveryLineAsAnEvent() {
    BatchingConsoleAppender a = appender(8192, 3_600_000);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> list =
        new ch.qos.logback.core.read.ListAppender<>();
    list.setContext(ctx);
    list.start();
    a.addAppender(list);
    a.doAppend(event("logged"));
    byte[] lines = "handed é\nover\n".getBytes(StandardCharsets.UTF_8);
    a.offer(lines, lines.length, 2);
    a.stop();
    assertEquals(List.of("logged", "handed é", "over"), list.list.stream().map(e -> e.getFormattedMessage()).toList());
    assertTrue(list.list.stream().allMatch(e -> e.getLoggerName().equals("io.vivace.access")
        && e.getLevel() == Level.INFO));
    assertTrue(a.detachAppender(list));
  }

  @Test
  void aFullQueueDropsAndCountsEveryLineOfABuffer() {
    BatchingConsoleAppender a = appender(1, 3_600_000);
    a.doAppend(event("kept"));
    a.offer(new byte[] {'a', '\n', 'b', '\n'}, 4, 2);
    assertEquals(2, a.dropped());
    a.stop();
    a.offer(new byte[] {'c', '\n'}, 2, 1);
    assertEquals(3, a.dropped(), "after the stop, lines are dropped, not queued for nobody");
    assertEquals("kept\n", writes.text());
  }

  @Test
  void soleOnFindsItOnlyWhenItIsTheLoggersOnlyAppender() {
    // the default set-up of this JVM's Logback (the tests have no logback.xml of their own)
    assertTrue(BatchingConsoleAppender.soleOn("io.vivace.access") instanceof BatchingConsoleAppender);
    ch.qos.logback.classic.Logger access =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.vivace.access");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> extra =
        new ch.qos.logback.core.read.ListAppender<>();
    access.addAppender(extra);
    try {
      assertEquals(null, BatchingConsoleAppender.soleOn("io.vivace.access"), "another appender: through the logger");
    } finally {
      access.detachAppender(extra);
    }
    assertEquals(null, BatchingConsoleAppender.soleOn("io.vivace.other"), "a logger without it");
  }

  @Test
  void badSettingsNameTheValue() {
    BatchingConsoleAppender a = new BatchingConsoleAppender();
    assertEquals("queueSize must be at least 1: 0",
        assertThrows(IllegalArgumentException.class, () -> a.setQueueSize(0)).getMessage());
    assertEquals("flushIntervalMillis must be at least 1: -5",
        assertThrows(IllegalArgumentException.class, () -> a.setFlushIntervalMillis(-5)).getMessage());
  }

  private BatchingConsoleAppender appender(int queueSize, long intervalMs) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(ctx);
    e.setPattern("%msg%n");
    e.start();
    BatchingConsoleAppender a = new BatchingConsoleAppender();
    a.setContext(ctx);
    a.setName("ACCESS");
    a.setEncoder(e);
    a.setQueueSize(queueSize);
    a.setFlushIntervalMillis(intervalMs);
    a.start();
    return a;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent("x", ctx.getLogger("io.vivace.access"), Level.INFO, message, null, null);
  }

  /** Standard output's bytes, and how many writes reached it. */
  private static final class Writes extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int count;

    @Override
    public synchronized void write(int b) {
      count++;
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      count++;
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized int count() {
      return count;
    }
  }
}
