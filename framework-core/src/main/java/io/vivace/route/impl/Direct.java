package io.vivace.route.impl;

import io.vertx.core.http.HttpServerRequest;

/**
 * A route's extractors and handler composed into one call on the bare request, for routes the
 * server answers without the router (exact path, only {@link io.vivace.extract.RequestExtractor}s,
 * not blocking). Immutable; called on the event loop.
 */
@FunctionalInterface
public interface Direct {

  /** Extracts the arguments from {@code request} and calls the handler; returns its result. */
  Object handle(HttpServerRequest request) throws Exception;
}
