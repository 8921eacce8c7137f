package io.vivace.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vivace.App;
import io.vivace.metrics.impl.MetricsImpl;

/**
 * The app's metrics: one Micrometer {@link MeterRegistry} per app, rendered for Prometheus at
 * {@code GET /metrics} (Prometheus text format 0.0.4, or OpenMetrics 1.0.0 when the request's
 * {@code Accept} names {@code application/openmetrics-text}). It carries the JVM, process and
 * event-loop meters, and those of every module (database, caches, authentication); see
 * docs/observability.md for every name.
 *
 * <p>{@code VIVACE_METRICS=false} turns metrics off: no registry is made, {@link #registry()} is
 * null, nothing is recorded and {@code /metrics} answers 404. A module asks for the registry in its
 * start hook ({@link App#onStart}) or later, once the app has read its settings, and registers its
 * meters once there (never per request):
 *
 * <pre>{@code
 * app.onStart(vertx -> {
 *   MeterRegistry registry = Metrics.registry(app); // null: metrics are off
 *   if (registry != null) {
 *     hits = Counter.builder("myapp.hits").register(registry);
 *   }
 *   return Future.succeededFuture();
 * });
 * }</pre>
 *
 * Thread-safe.
 */
public interface Metrics {

  /** The metrics of {@code app} (the app's one instance, an {@link App#component}). */
  static Metrics of(App app) {
    return app.component(Metrics.class, a -> new MetricsImpl());
  }

  /**
   * The registry of {@code app}: {@code Metrics.of(app).registry()}.
   *
   * @return null when metrics are off, or before the app's start read its settings
   */
  static MeterRegistry registry(App app) {
    return of(app).registry();
  }

  /**
   * The app's registry, made when {@link App#start()} has read {@code VIVACE_METRICS} (before the
   * validators and start hooks run).
   *
   * @return null when metrics are off ({@code VIVACE_METRICS=false}) or the app has not started
   */
  MeterRegistry registry();
}
