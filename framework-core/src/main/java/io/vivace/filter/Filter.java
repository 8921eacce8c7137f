package io.vivace.filter;

import io.vivace.filter.impl.Results;

/**
 * Cross-cutting work around a route's handler: checks, headers, measurements. Added to the app
 * ({@code app.filter(f)}), to a group ({@code g.filter(f)}) or to one route
 * ({@code app.get(...).filter(f)}); the filters of a route are composed once, when the app starts,
 * into its call, so a route without filters pays nothing for them.
 *
 * <pre>{@code
 * app.filter(Filter.before(ex -> ex.header("X-Api-Key") == null ? Response.status(401) : null));
 * app.filter((ex, next) -> {
 *   ex.onEnd((e, status, bytes, nanos) -> metrics.record(e.route(), status, nanos));
 *   return next.proceed();
 * });
 * }</pre>
 *
 * <p>Filters run on the event loop, on the static path and the router path alike (the same
 * {@link Exchange}); they run before the route's extractors, so they see no body. A filter answers
 * early by returning a result without calling {@link Next#proceed()}, or by throwing a
 * {@link io.vivace.problem.ProblemException}. Implementations must be thread-safe (one instance
 * serves every event loop).
 */
@FunctionalInterface
public interface Filter {

  /**
   * Handles the request: usually calls {@code next.proceed()} and returns its result (or another).
   *
   * @return any handler result (a value, a {@code Response}, a {@code Future}...)
   */
  Object apply(Exchange exchange, Next next) throws Exception;

  /** A filter that runs {@code before} first and answers with its result when it is not null. */
  static Filter before(Before before) {
    java.util.Objects.requireNonNull(before, "before");
    return (ex, next) -> {
      Object answer = before.before(ex);
      return answer != null ? answer : next.proceed();
    };
  }

  /** A filter that gives the handler's result, once known (futures awaited), to {@code after}. */
  static Filter after(After after) {
    java.util.Objects.requireNonNull(after, "after");
    return (ex, next) -> whenDone(ex, next.proceed(), after);
  }

  /**
   * {@code result} passed through {@code then} once it is known: now for a plain value, when it
   * completes for a {@code Future} or {@code CompletionStage} (a failure skips {@code then} and stays
   * a failure). For around filters that act on the value.
   */
  static Object whenDone(Exchange exchange, Object result, After then) throws Exception {
    return Results.whenDone(exchange, result, then);
  }
}
