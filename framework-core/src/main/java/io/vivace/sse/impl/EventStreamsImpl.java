package io.vivace.sse.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vivace.App;
import io.vivace.metrics.Metrics;
import io.vivace.response.Streamed;
import io.vivace.sse.EventStreams;
import io.vivace.sse.SseEmitter;
import io.vivace.sse.SseOptions;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** The app's event streams: options read in the validation phase, meters bound then. */
public final class EventStreamsImpl implements EventStreams {
  private volatile SseOptions options;
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private volatile Counter droppedCounter;

  private EventStreamsImpl(SseOptions options) {
    this.options = options;
  }

  /** Attaches to {@code app}: the settings are read in its validation phase. */
  public static EventStreamsImpl attach(App app) {
    EventStreamsImpl s = new EventStreamsImpl(null);
    app.onValidate(config -> s.options = SseOptions.from(config));
    s.bindMeters(app);
    return s;
  }

  /** Attaches to {@code app} with fixed options. */
  public static EventStreamsImpl attach(App app, SseOptions options) {
    EventStreamsImpl s = new EventStreamsImpl(Objects.requireNonNull(options, "options"));
    s.bindMeters(app);
    return s;
  }

  private void bindMeters(App app) {
    app.onValidate(config -> {
      MeterRegistry registry = Metrics.registry(app);
      if (registry != null) {
        droppedCounter = Counter.builder("vivace.sse.dropped")
            .description("Server-Sent Events clients dropped because they fell behind").register(registry);
        Gauge.builder("vivace.sse.open", open, AtomicInteger::get)
            .description("open Server-Sent Events streams").register(registry);
      }
    });
  }

  /**
   * Tells the event streams of the server verticle on {@code context} that compression is on, so
   * they opt out of it (start, on its loop).
   */
  public static void compressionOn(io.vertx.core.Context context) {
    SseStream.compressing(context);
  }

  /** The options in force (null before the app started, when read from the settings). */
  public SseOptions options() {
    return options;
  }

  @Override
  public Streamed stream(String lastEventId, Consumer<SseEmitter> producer) {
    Objects.requireNonNull(producer, "producer");
    SseOptions o = options;
    if (o == null) {
      throw new IllegalStateException("event streams are served once the app has started");
    }
    return new SseStream(this, o, lastEventId, producer);
  }

  @Override
  public int openStreams() {
    return open.get();
  }

  @Override
  public long dropped() {
    return dropped.sum();
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed() {
    open.decrementAndGet();
  }

  void droppedOne() {
    dropped.increment();
    Counter c = droppedCounter;
    if (c != null) {
      c.increment();
    }
  }
}
