package io.vivace.extract;

import io.vertx.ext.web.RoutingContext;

/**
 * Pulls one typed value out of a request: a path or query parameter, a header, a cookie, the JSON
 * body, a page request. Extractors are built once, when routes are declared, and composed with the
 * handler into a direct call, so the per-request work is just {@link #extract}.
 *
 * <p>Called on the event loop. An extractor must not block. On bad input it throws
 * {@link io.vivace.problem.ProblemException} (400 naming the field, 415, 422); the error handler
 * turns that into a problem response in one place.
 *
 * @param <T> the extracted type
 */
@FunctionalInterface
public interface Extractor<T> {

  /**
   * The value for this request.
   *
   * @throws io.vivace.problem.ProblemException on missing or invalid input
   */
  T extract(RoutingContext ctx);

  /**
   * This extractor as a {@link RequestExtractor} when it needs only the request (no path
   * parameter, no body), else null. Asked once per route, when the server starts.
   */
  default RequestExtractor<T> requestOnly() {
    return null;
  }

  /** Whether this extractor reads the request body; routes that have one buffer the body first. */
  default boolean readsBody() {
    return false;
  }

  /**
   * The handler that reads the body for this extractor instead of the buffering one (for example
   * a multipart body streamed to files), or null for the buffered body; only asked when
   * {@link #readsBody()}. Asked once per route, when the server starts.
   */
  default io.vertx.core.Handler<RoutingContext> bodyReader() {
    return null;
  }

  /**
   * What this extractor contributes to the route's OpenAPI operation (parameters, request body,
   * security, error statuses). Called once per route when the app starts (or the document is
   * written), never per request; the default documents nothing.
   */
  default io.vivace.openapi.ExtractorDoc describe() {
    return io.vivace.openapi.ExtractorDoc.none();
  }
}
