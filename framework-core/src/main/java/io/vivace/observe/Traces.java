package io.vivace.observe;

import io.vertx.core.MultiMap;
import io.vivace.App;
import io.vivace.observe.impl.ObserveLocals;
import io.vivace.observe.impl.TracerHolder;
import java.util.function.BiConsumer;

/**
 * The traces of an app ({@code VIVACE_TRACING}, off by default): its {@link Tracer} for modules, and
 * the current request's span for log lines and outbound calls. The span is kept in the request's
 * Vert.x context (its duplicated context, as the request id is: {@link RequestIds}), so it follows
 * the request's callbacks and never leaks into another request. Any thread.
 */
public final class Traces {
  private Traces() {
  }

  /**
   * The tracer of {@code app}, set when its start has read {@code VIVACE_TRACING} (before the
   * validators and start hooks run): ask in a start hook, once.
   *
   * @return null when tracing is off (the default), or before the app's start
   */
  public static Tracer of(App app) {
    return app.component(TracerHolder.class, a -> new TracerHolder()).tracer();
  }

  /**
   * The span of the request whose Vert.x context is the caller's (its handler, or a callback of its
   * futures), or null when there is none (tracing off, a thread outside Vert.x, no request).
   */
  public static Tracer.RequestSpan current() {
    return ObserveLocals.currentSpan();
  }

  /** The trace id of the current request (32 hex digits), or null ({@link #current}). */
  public static String currentTraceId() {
    Tracer.RequestSpan span = current();
    return span == null ? null : span.traceId();
  }

  /**
   * Writes the current request's trace context ({@code traceparent}, {@code tracestate}; W3C Trace
   * Context) through {@code header}, for an outbound call made while serving it; does nothing when
   * there is none.
   */
  public static void inject(BiConsumer<String, String> header) {
    Tracer.RequestSpan span = current();
    if (span != null) {
      span.inject(header);
    }
  }

  /** {@link #inject} into the headers of an outbound Vert.x request (set, replacing any). */
  public static void inject(MultiMap headers) {
    inject(headers::set);
  }
}
