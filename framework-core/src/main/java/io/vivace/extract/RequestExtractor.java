package io.vivace.extract;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * An extractor that needs only the request line and headers (query parameters, headers, cookies,
 * page requests, a bearer token): no path parameters and no body. A route whose extractors are all
 * request extractors, on an exact path, is answered without the router: one hash lookup of the path,
 * no {@link RoutingContext} (see docs/routing.md, "How a route is served").
 *
 * <p>Called on the event loop; must not block. On bad input it throws
 * {@link io.vivace.problem.ProblemException}, rendered exactly as for routed requests.
 *
 * @param <T> the extracted type
 */
@FunctionalInterface
public interface RequestExtractor<T> extends Extractor<T> {

  /**
   * The value for this request.
   *
   * @throws io.vivace.problem.ProblemException on missing or invalid input
   */
  T extract(HttpServerRequest request);

  /** Extracts from the routed request: the same as {@code extract(ctx.request())}. */
  @Override
  default T extract(RoutingContext ctx) {
    return extract(ctx.request());
  }

  /** This extractor: it needs only the request. */
  @Override
  default RequestExtractor<T> requestOnly() {
    return this;
  }
}
