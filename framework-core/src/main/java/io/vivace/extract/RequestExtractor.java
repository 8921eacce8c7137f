package io.vivace.extract;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * An extractor that needs only the request line and headers (no body, no path parameters, nothing
 * the router adds), such as a bearer-token check. A route with an exact path, not blocking, whose
 * extractors (one or two) are all request extractors is served like a route without extractors:
 * straight from the per-event-loop table of static routes, without the router's
 * {@code RoutingContext}. Called on the event loop; must not block; throws
 * {@link io.vivace.problem.ProblemException} on bad input, as any extractor.
 *
 * @param <T> the extracted type
 */
@FunctionalInterface
public interface RequestExtractor<T> extends Extractor<T> {

  /** The value for this request. */
  T extract(HttpServerRequest request);

  @Override
  default T extract(RoutingContext ctx) {
    return extract(ctx.request());
  }
}
