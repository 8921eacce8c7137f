package io.vivace.tracing.impl;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.vivace.observe.Traces;
import java.util.Objects;

/**
 * OpenTelemetry's current context, per request: on a thread that runs a traced request (its event
 * loop, a callback of its futures, its blocking handler's worker), {@code Context.current()} and
 * {@code Span.current()} are that request's, with its server span, and {@code makeCurrent()}
 * changes them for that request only; elsewhere (no Vert.x context, no request, tracing off) the
 * storage it wraps answers, by default OpenTelemetry's thread-local one. A request is found through
 * its Vert.x context, as its request id is, so nothing leaks from one request to the next on a
 * shared event loop, where a thread-local would. Thread-safe.
 */
final class RequestContextStorage implements ContextStorage {
  private final ContextStorage fallback;

  /** @param fallback the storage outside requests, not null */
  RequestContextStorage(ContextStorage fallback) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  @Override
  public Scope attach(Context toAttach) {
    if (toAttach == null) {
      return Scope.noop(); // as OpenTelemetry's own storage
    }
    return Traces.current() instanceof ServerSpan span ? span.attach(toAttach) : fallback.attach(toAttach);
  }

  @Override
  public Context current() {
    return Traces.current() instanceof ServerSpan span ? span.current() : fallback.current();
  }
}
