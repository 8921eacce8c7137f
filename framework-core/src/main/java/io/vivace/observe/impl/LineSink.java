package io.vivace.observe.impl;

/**
 * Where an event loop's access-log lines go in bulk when the access logger is Vivace's own batching
 * appender (the default Logback set-up): whole buffers of finished lines, without a logging event
 * per line. Implemented by {@code logback.BatchingConsoleAppender}; found by {@link #of}. Safe to
 * call from any thread.
 */
public interface LineSink {
  /**
   * Queues {@code length} bytes of {@code lines} complete UTF-8 lines (each ending in {@code \n}) for
   * writing; the sink owns {@code bytes} from here on. Never blocks: when the queue is full the
   * lines are dropped and counted.
   */
  void offer(byte[] bytes, int length, int lines);

  /** An empty buffer of at least {@code minBytes} bytes: a recycled one when there is one. */
  byte[] buffer(int minBytes);

  /** How long, in ms, lines may wait in a loop's buffer before it is handed over. */
  long flushIntervalMillis();

  /**
   * The sink behind logger {@code loggerName} when its only appender is Vivace's batching appender
   * and it does not pass events to its parents; null otherwise (another backend, an app's own
   * Logback configuration, or a test's extra appender): then lines go through the logger.
   */
  static LineSink of(String loggerName) {
    if (!"ch.qos.logback.classic.LoggerContext".equals(
        org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())) {
      return null;
    }
    return io.vivace.observe.impl.logback.BatchingConsoleAppender.soleOn(loggerName);
  }
}
