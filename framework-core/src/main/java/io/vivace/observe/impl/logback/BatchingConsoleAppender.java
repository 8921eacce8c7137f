package io.vivace.observe.impl.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import io.vivace.observe.impl.LineSink;

/**
 * The access log's appender: standard output in batches, as nginx's {@code access_log ...
 * buffer= flush=} does. The logging thread (an event loop) only offers the event to a bounded
 * queue ({@link #setQueueSize}, {@value #DEFAULT_QUEUE_SIZE} events by default): it never
 * blocks, never wakes another thread and never makes a system call. One daemon thread,
 * {@code vivace-access-log}, wakes every {@link #setFlushIntervalMillis} ms
 * ({@value #DEFAULT_FLUSH_INTERVAL_MS} by default), encodes every waiting event with the
 * {@linkplain #setEncoder encoder} and writes them to {@link System#out} (read at each write, so a
 * redirected {@code System.out} is honoured) in writes of at most {@value #MAX_WRITE_BYTES}
 * bytes (unless one handed-over buffer holds more), then sleeps again. A line therefore reaches the output at most about one interval after
 * it was logged, in logging order.
 *
 * <p>The access log's own writer skips the logging event when this is the only appender of its
 * logger ({@link #soleOn}): an event loop fills a buffer with finished lines and hands the whole
 * buffer over ({@link #offer(byte[], int, int)}), which the writer thread writes as it is, in the
 * same order as the events around it. Buffers come back for reuse ({@link #buffer}).
 *
 * <p>Appenders attached to this one ({@link AppenderAttachable}, as to Logback's
 * {@code AsyncAppender}) get every line too, on the writer thread: an event as it was logged, a
 * handed-over line as an INFO event of the logger it was meant for. Nothing is made for them while
 * none is attached.
 *
 * <p>When the queue is full the event (or the buffer's lines) is dropped and counted ({@link #dropped()}); the count is
 * reported as a Logback warning (on the status manager) once per batch that saw drops. {@link
 * #stop()} (the logger context's stop, which the default set-up runs in a shutdown hook) writes
 * every event still queued before it returns, waiting at most 2 s for the writer thread.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements LineSink, AppenderAttachable<ILoggingEvent> {
  /** Events held before new ones are dropped: {@value}. */
  public static final int DEFAULT_QUEUE_SIZE = 8192;
  /** How often the writer thread writes what has been logged, in ms: {@value}. */
  public static final long DEFAULT_FLUSH_INTERVAL_MS = 50;
  /** The most bytes written in one call to the output: {@value}. */
  static final int MAX_WRITE_BYTES = 64 * 1024;
  /** Buffers kept for reuse by {@link #buffer}. */
  private static final int SPARE_BUFFERS = 16;

  private Encoder<ILoggingEvent> encoder;
  private int queueSize = DEFAULT_QUEUE_SIZE;
  private long flushIntervalMillis = DEFAULT_FLUSH_INTERVAL_MS;
  /** Logging events and {@link Lines}, in the order they came. */
  private ArrayBlockingQueue<Object> queue;
  private final ArrayBlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(SPARE_BUFFERS);
  private final AppenderAttachableImpl<ILoggingEvent> attached = new AppenderAttachableImpl<>();
  /** The logger whose lines are handed over ({@link #soleOn}), named in their events for attached appenders. */
  private volatile String linesLogger = "io.vivace.access";
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running;
  private Thread writer;

  /** The encoder of each line (for the access log: {@code %msg%n}); required before {@link #start()}. */
  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /** @param queueSize events held before dropping, at least 1; set before {@link #start()} */
  public void setQueueSize(int queueSize) {
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be at least 1: " + queueSize);
    }
    this.queueSize = queueSize;
  }

  /** @param millis the writer's period in ms, at least 1; set before {@link #start()} */
  public void setFlushIntervalMillis(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("flushIntervalMillis must be at least 1: " + millis);
    }
    this.flushIntervalMillis = millis;
  }

  /**
   * This appender when it is the only appender of Logback logger {@code loggerName} and that logger
   * is not additive; else null. Called once per access-log writer, at start.
   */
  public static LineSink soleOn(String loggerName) {
    if (!(org.slf4j.LoggerFactory.getLogger(loggerName) instanceof ch.qos.logback.classic.Logger logger)
        || logger.isAdditive()) {
      return null;
    }
    java.util.Iterator<ch.qos.logback.core.Appender<ILoggingEvent>> all = logger.iteratorForAppenders();
    if (!all.hasNext() || !(all.next() instanceof BatchingConsoleAppender batching) || all.hasNext()
        || !batching.isStarted()) {
      return null;
    }
    batching.linesLogger = loggerName;
    return batching;
  }

  @Override
  public void offer(byte[] bytes, int length, int lines) {
    if (!isStarted() || !queue.offer(new Lines(bytes, length, lines))) {
      dropped.addAndGet(lines);
    }
  }

  @Override
  public byte[] buffer(int minBytes) {
    byte[] b = spare.poll();
    return b != null && b.length >= minBytes ? b : new byte[minBytes];
  }

  @Override
  public long flushIntervalMillis() {
    return flushIntervalMillis;
  }

  /** Lines dropped so far because the queue was full (an event is one line). */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("No encoder set for the appender named [" + name + "].");
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    running = true;
    writer = new Thread(this::writeLoop, "vivace-access-log");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
    List<Object> batch = new ArrayList<>(256);
    Batch bytes = new Batch();
    long reportedDrops = 0;
    while (running) {
      LockSupport.parkNanos(this, intervalNanos);
      reportedDrops = writeQueued(batch, bytes, reportedDrops);
    }
    writeQueued(batch, bytes, reportedDrops); // what was logged before the stop
  }

  private long writeQueued(List<Object> batch, Batch bytes, long reportedDrops) {
    try {
      while (queue.drainTo(batch, 1024) > 0) {
        for (Object e : batch) {
          if (e instanceof Lines lines) {
            if (bytes.size() + lines.length > MAX_WRITE_BYTES) {
              writeOut(bytes);
            }
            bytes.write(lines.bytes, 0, lines.length);
            forward(lines);
            spare.offer(lines.bytes);
          } else {
            bytes.writeBytes(encoder.encode((ILoggingEvent) e));
            if (attached.iteratorForAppenders().hasNext()) {
              attached.appendLoopOnAppenders((ILoggingEvent) e);
            }
          }
          if (bytes.size() >= MAX_WRITE_BYTES) {
            writeOut(bytes);
          }
        }
        batch.clear();
      }
      writeOut(bytes);
    } catch (RuntimeException e) {
      batch.clear();
      bytes.reset();
      addError("Could not write access-log lines", e);
    }
    long drops = dropped.get();
    if (drops != reportedDrops) {
      addWarn((drops - reportedDrops) + " access-log lines dropped: the queue of " + queueSize + " was full");
    }
    return drops;
  }

  /** Each line of {@code lines} as an event of the lines' logger, to the attached appenders, if any. */
  private void forward(Lines lines) {
    if (!attached.iteratorForAppenders().hasNext()) {
      return;
    }
    ch.qos.logback.classic.Logger logger = ((ch.qos.logback.classic.LoggerContext) getContext()).getLogger(linesLogger);
    int from = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines.bytes[i] == '\n') {
        String line = new String(lines.bytes, from, i - from, java.nio.charset.StandardCharsets.UTF_8);
        attached.appendLoopOnAppenders(new ch.qos.logback.classic.spi.LoggingEvent(
            BatchingConsoleAppender.class.getName(), logger, ch.qos.logback.classic.Level.INFO, line, null, null));
        from = i + 1;
      }
    }
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    attached.addAppender(appender);
  }

  @Override
  public java.util.Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return attached.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return attached.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return attached.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    attached.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return attached.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return attached.detachAppender(name);
  }

  private static void writeOut(Batch bytes) {
    if (bytes.size() > 0) {
      bytes.writeTo(System.out);
      bytes.reset();
    }
  }

  /** A buffer of whole lines from an event loop. */
  private record Lines(byte[] bytes, int length, int count) {
  }

  /** The lines of one write; its bytes go out without a copy. */
  private static final class Batch extends ByteArrayOutputStream {
    Batch() {
      super(MAX_WRITE_BYTES);
    }

    void writeTo(PrintStream out) {
      out.write(buf, 0, count);
      out.flush();
    }
  }
}
