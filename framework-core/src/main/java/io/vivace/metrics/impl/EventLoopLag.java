package io.vivace.metrics.impl;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Event-loop lag: a task scheduled on each event loop every {@code intervalNanos} measures how late
 * it runs, which is how long that loop was busy with other work (a blocking call, a long handler)
 * before it could get to it. Per loop (tag {@code loop}, 0-based): the gauge
 * {@code vivace.event.loop.lag} (seconds, the last measurement) and the timer
 * {@code vivace.event.loop.delay} (every measurement: count, sum, max). Costs one scheduled task per
 * loop and interval, nothing per request.
 */
final class EventLoopLag {
  private final List<Probe> probes;

  private EventLoopLag(List<Probe> probes) {
    this.probes = probes;
  }

  static EventLoopLag start(Vertx vertx, MeterRegistry registry, long intervalNanos) {
    List<Probe> probes = new ArrayList<>();
    int i = 0;
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      String tag = Integer.toString(i++);
      Probe p = new Probe(loop, intervalNanos,
          Timer.builder("vivace.event.loop.delay")
              .description("How late the lag probe's task ran on this event loop")
              .tag("loop", tag).register(registry));
      Gauge.builder("vivace.event.loop.lag", p, Probe::lastSeconds)
          .description("Event-loop lag: how late the last probe task ran on this loop")
          .baseUnit("seconds").tag("loop", tag).register(registry);
      probes.add(p);
      p.schedule();
    }
    return new EventLoopLag(probes);
  }

  void stop() {
    for (Probe p : probes) {
      p.stop();
    }
  }

  /** The probe of one loop; {@link #run()} runs on that loop. */
  static final class Probe implements Runnable {
    private final EventExecutor loop;
    private final long intervalNanos;
    private final Timer delays;
    private volatile long lastNanos;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;
    private long due;

    Probe(EventExecutor loop, long intervalNanos, Timer delays) {
      this.loop = loop;
      this.intervalNanos = intervalNanos;
      this.delays = delays;
    }

    double lastSeconds() {
      return lastNanos / 1e9;
    }

    void schedule() {
      if (stopped || loop.isShuttingDown()) {
        return;
      }
      due = System.nanoTime() + intervalNanos;
      try {
        next = loop.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) { // the loop is shutting down
        stopped = true;
      }
    }

    @Override
    public void run() {
      long late = Math.max(0, System.nanoTime() - due);
      lastNanos = late;
      delays.record(late, TimeUnit.NANOSECONDS);
      schedule();
    }

    void stop() {
      stopped = true;
      ScheduledFuture<?> f = next;
      if (f != null) {
        f.cancel(false);
      }
    }
  }
}
