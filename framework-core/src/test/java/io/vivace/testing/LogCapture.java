package io.vivace.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vivace.observe.impl.logback.BatchingConsoleAppender;
import io.vivace.observe.impl.logback.RequestIdAsyncAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures what the default Logback set-up logs: a {@link ListAppender} behind a second
 * {@link RequestIdAsyncAppender} on the root logger (so events carry the request id that appender
 * takes from the logging thread's Vert.x context, as the console's do), and attached to the access
 * log's batching appender (which hands it every line as an event of {@code io.vivace.access}, on its
 * writer thread, whether the line was logged or handed over by an event loop: the access logger
 * itself keeps its one appender, as in production). Every wait has a deadline.
 */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> list = new ListAppender<>();
  private final RequestIdAsyncAppender async = new RequestIdAsyncAppender();
  private Logger root;
  private Logger access;
  private BatchingConsoleAppender batching;

  private LogCapture() {
  }

  /** Starts capturing; fails when the default set-up is not in place. */
  public static LogCapture start() {
    LogCapture c = new LogCapture();
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    c.list.setContext(ctx);
    c.list.start();
    c.async.setContext(ctx);
    c.async.setName("CAPTURE");
    c.async.setNeverBlock(true);
    c.async.addAppender(c.list);
    c.async.start();
    c.root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    c.access = ctx.getLogger("io.vivace.access");
    assertNotNull(c.root.getAppender("ASYNC"), "the default Logback set-up (appender ASYNC on the root logger)");
    c.batching = (BatchingConsoleAppender) c.access.getAppender("ACCESS");
    assertNotNull(c.batching, "the default Logback set-up (appender ACCESS on io.vivace.access)");
    c.root.addAppender(c.async);
    c.batching.addAppender(c.list);
    return c;
  }

  /** The events captured so far. */
  public List<ILoggingEvent> events() {
    synchronized (list) {
      return new ArrayList<>(list.list);
    }
  }

  /** The first captured event that matches, waiting up to {@code timeout}; fails when none came. */
  public ILoggingEvent await(Predicate<ILoggingEvent> match, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (ILoggingEvent e : events()) {
        if (match.test(e)) {
          return e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no log event " + what + " within " + timeout + "; got " + describe());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError(ie);
      }
    }
  }

  /** The first access-log line containing {@code text}, waiting up to 5 s. */
  public String accessLine(String text) {
    return await(e -> e.getLoggerName().equals("io.vivace.access") && e.getFormattedMessage().contains(text),
        Duration.ofSeconds(5), "in io.vivace.access containing " + text).getFormattedMessage();
  }

  /** The request id an event carries ({@code request_id}), or null. */
  public static String requestId(ILoggingEvent e) {
    if (e.getKeyValuePairs() == null) {
      return null;
    }
    return e.getKeyValuePairs().stream().filter(p -> p.key.equals("request_id")).map(p -> String.valueOf(p.value))
        .findFirst().orElse(null);
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : events()) {
      b.append("\n  ").append(e.getLoggerName()).append(": ").append(e.getFormattedMessage());
    }
    return b.toString();
  }

  @Override
  public void close() {
    root.detachAppender(async);
    batching.detachAppender(list);
    async.stop();
    list.stop();
  }
}
