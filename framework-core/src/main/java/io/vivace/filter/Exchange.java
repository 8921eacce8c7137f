package io.vivace.filter;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a {@link Filter} sees of one request: the same view whether the route is served from the
 * static table or by the router. Made per request only for routes that have filters, guards or a
 * timeout. Confined to the request's event loop; do not keep it after the response has ended.
 */
public interface Exchange {

  /** The request (method, path, headers, query); its body is not read here. */
  HttpServerRequest request();

  /** The request method. */
  default HttpMethod method() {
    return request().method();
  }

  /** The request path, as received (without the query). */
  default String path() {
    return request().path();
  }

  /** The template of the route serving the request, as declared with its group prefix: {@code /posts/:id}. */
  String route();

  /** The request header {@code name}, or null. */
  default String header(CharSequence name) {
    return request().getHeader(name);
  }

  /**
   * Adds a header to the response, whatever answers it (the handler, another filter, a problem).
   * Pass names and values made once with {@code HttpHeaders.createOptimized} to avoid building
   * header text per request.
   *
   * @return this
   */
  Exchange responseHeader(CharSequence name, CharSequence value);

  /** When the route's filters started, from {@link System#nanoTime()}. */
  long startNanos();

  /**
   * Calls {@code listener} once, on the event loop, when the response has ended (written, or cut
   * because the connection closed). Listeners run in the order added; one that throws is logged
   * and the next still runs. Nothing is registered on the response until the first call.
   */
  void onEnd(Completion listener);

  /** What a listener of {@link #onEnd} is told when the response has ended. */
  @FunctionalInterface
  interface Completion {

    /**
     * @param exchange the request
     * @param status the response status code (200 also when the connection was cut before any status)
     * @param bytes body bytes written (not counting the status line and headers)
     * @param durationNanos from {@link #startNanos()} to the end, in nanoseconds
     */
    void ended(Exchange exchange, int status, long bytes, long durationNanos);
  }
}
