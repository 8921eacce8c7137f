package io.vivace.route;

import io.vertx.core.http.HttpMethod;
import io.vivace.extract.Extractor;
import io.vivace.filter.Filter;
import io.vivace.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A declared route: method, path pattern, endpoint, flags, and its own filters, guards and
 * timeout. Returned by the {@link Routes} methods so a declaration can be refined
 * ({@code app.get(...).blocking().timeout(Duration.ofSeconds(2))}). Configure it before the app
 * starts; it is read, not changed, afterwards.
 */
public final class RouteDef {
  private final HttpMethod method;
  private final String path;
  private final Endpoint endpoint;
  private final List<Filter> filters = new ArrayList<>();
  private final List<Extractor<?>> guards = new ArrayList<>();
  private boolean blocking;
  private Duration timeout;

  public RouteDef(HttpMethod method, String path, Endpoint endpoint) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /, got '" + path + "'");
    }
  }

  /**
   * Runs the handler off the event loop: on a virtual thread when the JVM has them and
   * {@code VIVACE_VIRTUAL_THREADS} is on, else on the worker pool. Extraction and filters still
   * happen on the event loop, and the response is written back on it.
   */
  public RouteDef blocking() {
    this.blocking = true;
    return this;
  }

  /**
   * Declares the JSON type this route answers with, so a type without a compile-time converter
   * fails now rather than on the first request.
   *
   * @throws IllegalArgumentException when {@code type} has no DSL-JSON converter
   */
  public RouteDef produces(Class<?> type) {
    Json.writerFor(type);
    return this;
  }

  /** Adds a filter to this route only: it runs inside the app's and the groups' filters. */
  public RouteDef filter(Filter filter) {
    filters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  /** Adds a guard to this route only (see {@link Routes#require}); it runs after the groups' guards. */
  public RouteDef require(Extractor<?> guard) {
    guards.add(Objects.requireNonNull(guard, "guard"));
    return this;
  }

  /**
   * Answers {@code 503 Service Unavailable} (a problem with {@code Retry-After}) when the
   * handler's result is not known within {@code timeout} of the route's call (filters, guards,
   * extractors, handler) returning it still pending; the late result is then dropped (not written, a late failure logged at DEBUG). Only
   * asynchronous results ({@code Future}, {@code CompletionStage}, blocking routes) can be late: a
   * handler that returns a value has answered already. A timer runs only on routes with a timeout.
   * Overrides the group's or app's default ({@link Routes#timeout}).
   *
   * @param timeout positive, at least 1 ms
   */
  public RouteDef timeout(Duration timeout) {
    if (timeout != null && timeout.toMillis() < 1) {
      throw new IllegalArgumentException("a route timeout must be at least 1 ms, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public boolean isBlocking() {
    return blocking;
  }

  /** The filters, outermost first: once served, the app's and groups' before the route's own. */
  public List<Filter> filters() {
    return List.copyOf(filters);
  }

  /** The guards, in the order they run: once served, the app's and groups' before the route's own. */
  public List<Extractor<?>> guards() {
    return List.copyOf(guards);
  }

  /** The request timeout, or null for none. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether a request to this route goes through a composed chain (filters, guards or a timeout). */
  public boolean isFiltered() {
    return !filters.isEmpty() || !guards.isEmpty() || timeout != null;
  }

  /**
   * This route as served: a copy with {@code filters} and {@code guards} (those of the app and of
   * the groups that declared it, outermost first) before its own, and {@code defaultTimeout} when
   * it has none. Used by the app when it starts.
   */
  public RouteDef inherit(List<Filter> filters, List<Extractor<?>> guards, Duration defaultTimeout) {
    RouteDef d = new RouteDef(method, path, endpoint);
    d.blocking = blocking;
    d.filters.addAll(filters);
    d.filters.addAll(this.filters);
    d.guards.addAll(guards);
    d.guards.addAll(this.guards);
    d.timeout = timeout != null ? timeout : defaultTimeout;
    return d;
  }

  @Override
  public String toString() {
    return method + " " + path + (blocking ? " (blocking)" : "");
  }
}
