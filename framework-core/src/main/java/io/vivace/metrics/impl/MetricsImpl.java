package io.vivace.metrics.impl;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vivace.config.VivaceOptions;
import io.vivace.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Metrics} of an app: a {@link PrometheusMeterRegistry} made at start when metrics are
 * on, with the JVM and process binders and an {@link EventLoopLag} probe on each event loop; closed
 * when the app stops. Thread-safe.
 */
public final class MetricsImpl implements Metrics {
  /** Content type of the Prometheus text format, version 0.0.4. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** Content type of the OpenMetrics text format, version 1.0.0. */
  public static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private volatile PrometheusMeterRegistry registry;
  private volatile JvmGcMetrics gc;
  private volatile EventLoopLag lag;
  private volatile Timer scrapes;

  @Override
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Makes the registry when {@code options} turn metrics on (nothing otherwise). Called once by
   * the app's start, before its validators.
   */
  public void open(VivaceOptions options) {
    if (options.metrics() && registry == null) {
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
  }

  /** Binds the JVM, process and event-loop meters, once Vert.x exists. No-op when metrics are off. */
  public void bind(Vertx vertx, VivaceOptions options) {
    PrometheusMeterRegistry r = registry;
    if (r == null) {
      return;
    }
    new ClassLoaderMetrics().bindTo(r);
    new JvmMemoryMetrics().bindTo(r);
    JvmGcMetrics g = new JvmGcMetrics();
    g.bindTo(r);
    gc = g;
    new JvmThreadMetrics().bindTo(r);
    new JvmInfoMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    new FileDescriptorMetrics().bindTo(r);
    lag = EventLoopLag.start(vertx, r, TimeUnit.MILLISECONDS.toNanos(options.eventLoopLagIntervalMs()));
    scrapes = Timer.builder("vivace.metrics.scrape")
        .description("Time to render the registry for one scrape of /metrics")
        .register(r);
  }

  /**
   * Renders every meter in the format {@code accept} asks for: OpenMetrics when it names
   * {@code application/openmetrics-text}, else the Prometheus text format. Reads every gauge (JVM
   * MXBeans, {@code /proc}), so callers run it off the event loop. Records its own duration
   * ({@code vivace.metrics.scrape}).
   *
   * @param accept the request's {@code Accept} header, or null
   * @return the body, and its content type ({@link #contentType})
   * @throws IllegalStateException when metrics are off
   */
  public Buffer scrape(String accept) {
    PrometheusMeterRegistry r = registry;
    if (r == null) {
      throw new IllegalStateException("metrics are off");
    }
    long t0 = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      r.scrape(out, contentType(accept));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Timer t = scrapes;
    if (t != null) {
      t.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** The content type answered for {@code accept}: OpenMetrics when asked for, else Prometheus text. */
  public static String contentType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
  }

  /** Stops the event-loop probes and the GC listeners, and closes the registry. */
  public void close() {
    EventLoopLag l = lag;
    if (l != null) {
      l.stop();
    }
    JvmGcMetrics g = gc;
    if (g != null) {
      g.close();
    }
    PrometheusMeterRegistry r = registry;
    if (r != null) {
      r.close();
    }
  }
}
