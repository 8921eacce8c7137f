package io.vivace.metrics.impl;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.List;

/**
 * The HTTP server's meters, for the dispatcher to record each request with: per method and route
 * template ({@code /posts/:id}, never the raw path, so label cardinality stays bounded) and status.
 *
 * <ul>
 *   <li>{@code http.server.requests} (timer, seconds; tags {@code method}, {@code route},
 *       {@code status}): count, sum, max and a histogram with the given service-level buckets, so
 *       Prometheus computes percentiles ({@code histogram_quantile}).</li>
 *   <li>{@code http.server.request.size}, {@code http.server.response.size} (counters, bytes;
 *       tags {@code method}, {@code route}): body bytes in and out.</li>
 *   <li>{@code http.server.requests.active} (gauge; no tags): requests begun and not yet ended.</li>
 * </ul>
 * The byte counters and the gauge are {@link LocalCounters}: each event loop counts in its own
 * cell without an atomic instruction, and a scrape sums the cells; only the timer records with
 * atomics (Micrometer's).

 *
 * The app has one instance when metrics are on, shared by every event loop and the management
 * server: the server's observation stage records each request from its response's end handler. Look a route's meters
 * up once, when the dispatch table is built ({@link #route}), and call
 * {@link Route#record} per request: no tag is built and nothing is looked up by name on the hot
 * path (a status's timer is registered on its first use, then read from an array). Thread-safe;
 * record from any thread.
 */
public final class HttpServerMeters {
  /** Latency buckets (service-level objectives) by default: 5 ms to 10 s. */
  public static final Duration[] DEFAULT_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
  /** The {@code route} of requests that matched no route (404, 405 before routing): {@value}. */
  public static final String NO_ROUTE = "NONE";
  /** The {@code method} of a request that matched no route with a method outside RFC 9110's: {@value}. */
  public static final String OTHER_METHOD = "_OTHER";
  /** RFC 9110's methods (and PATCH, RFC 5789): the only {@code method} values of {@link #NO_ROUTE}. */
  private static final String[] KNOWN_METHODS = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"};

  private final MeterRegistry registry;
  private final Duration[] buckets;
  private final LocalCounters active = new LocalCounters(1);
  private final ConcurrentHashMap<String, Route> byKey = new ConcurrentHashMap<>();
  /** {@link #NO_ROUTE}'s meters by method ({@link #KNOWN_METHODS}, then {@link #OTHER_METHOD}), made on first use. */
  private final Route[] noRoute = new Route[KNOWN_METHODS.length + 1];

  /**
   * @param registry where the meters are registered
   * @param buckets the latency histogram's upper bounds; empty: {@link #DEFAULT_BUCKETS}
   */
  public HttpServerMeters(MeterRegistry registry, Duration... buckets) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.buckets = buckets.length == 0 ? DEFAULT_BUCKETS.clone() : buckets.clone();
    Gauge.builder("http.server.requests.active", active, a -> a.sum(0))
        .description("HTTP requests begun and not yet answered")
        .register(registry);
  }

  /** The registry these meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The meters of {@code method} and {@code routeTemplate}, made on the first call for the pair
   * and the same object later: call it when the dispatch table is built, keep the result.
   *
   * @param method the request method as sent ({@code GET})
   * @param routeTemplate the route as declared ({@code /posts/:id}), or {@link #NO_ROUTE}
   */
  public Route route(String method, String routeTemplate) {
    return byKey.computeIfAbsent(method + ' ' + routeTemplate, k -> new Route(method, routeTemplate));
  }

  /**
   * Durations of {@code ms} milliseconds each, for the constructor.
   *
   * @param ms bucket upper bounds in ms; empty: an empty array (the defaults)
   */
  public static Duration[] bucketsOfMillis(List<Long> ms) {
    Duration[] out = new Duration[ms.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Duration.ofMillis(ms.get(i));
    }
    return out;
  }

  /**
   * The meters of requests with {@code method} that matched no route ({@link #NO_ROUTE}): a method
   * outside RFC 9110's is recorded as {@link #OTHER_METHOD}, so a client cannot add labels. No
   * lookup by name after a method's first use (a scan of nine constants).
   *
   * @param method the request's method name ({@code HttpMethod.name()})
   */
  public Route noRoute(String method) {
    int i = 0;
    while (i < KNOWN_METHODS.length && !KNOWN_METHODS[i].equals(method)) {
      i++;
    }
    Route r = noRoute[i];
    if (r == null) {
      r = route(i < KNOWN_METHODS.length ? KNOWN_METHODS[i] : OTHER_METHOD, NO_ROUTE); // racy: same object
      noRoute[i] = r;
    }
    return r;
  }

  /**
   * Records one request (looks its route up by name: for callers off the hot path; the dispatcher
   * keeps {@link #route}'s result instead).
   *
   * @param status the response status (100..599; others are recorded as {@code UNKNOWN})
   * @param bytesIn request body bytes read
   * @param bytesOut response body bytes written
   * @param nanos from the request's head read to the response's end
   */
  public void record(String method, String routeTemplate, int status, long bytesIn, long bytesOut, long nanos) {
    route(method, routeTemplate).record(status, bytesIn, bytesOut, nanos);
  }

  /** A request began (the {@code http.server.requests.active} gauge goes up). */
  public void begin() {
    active.add(0, 1);
  }

  /** A request that {@link #begin() began} ended, answered or not. */
  public void end() {
    active.add(0, -1);
  }

  /** The meters of one method and route; a status's timer is registered on its first use. */
  public final class Route {
    private final String method;
    private final String template;
    private final Timer[] byStatus = new Timer[600];
    /** Body bytes in (0) and out (1). */
    private final LocalCounters bytes = new LocalCounters(2);

    private Route(String method, String template) {
      this.method = method;
      this.template = template;
      FunctionCounter.builder("http.server.request.size", bytes, b -> b.sum(0)).baseUnit("bytes")
          .description("HTTP request body bytes read").tag("method", method).tag("route", template).register(registry);
      FunctionCounter.builder("http.server.response.size", bytes, b -> b.sum(1)).baseUnit("bytes")
          .description("HTTP response body bytes written").tag("method", method).tag("route", template).register(registry);
    }

    /**
     * Records one request of this route.
     *
     * @param status the response status (100..599; others are recorded as {@code UNKNOWN})
     * @param bytesIn request body bytes read
     * @param bytesOut response body bytes written
     * @param nanos from the request's head read to the response's end
     */
    public void record(int status, long bytesIn, long bytesOut, long nanos) {
      int i = status >= 100 && status < 600 ? status : 0;
      Timer t = byStatus[i];
      if (t == null) {
        t = timer(i); // racy on purpose: the registry returns the one timer of these tags
        byStatus[i] = t;
      }
      t.record(nanos, TimeUnit.NANOSECONDS);
      if (bytesIn != 0) {
        bytes.add(0, bytesIn);
      }
      bytes.add(1, bytesOut);
    }

    private Timer timer(int status) {
      return Timer.builder("http.server.requests")
          .description("HTTP requests by method, route template and status")
          .tag("method", method).tag("route", template)
          .tag("status", status == 0 ? "UNKNOWN" : Integer.toString(status))
          .serviceLevelObjectives(buckets)
          .register(registry);
    }
  }
}
