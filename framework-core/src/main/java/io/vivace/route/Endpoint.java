package io.vivace.route;

import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A route's extractors composed with its handler when the route is declared: per request, one
 * direct call. Implementations are immutable and thread-safe.
 */
public interface Endpoint {

  /** Extracts the arguments and calls the handler. Called on the event loop. */
  Object invoke(RoutingContext ctx) throws Exception;

  /**
   * Extracts the arguments now (on the event loop) and returns the handler call, to be run
   * elsewhere (for blocking routes).
   */
  Callable<Object> bind(RoutingContext ctx);

  /** The extractors, in argument order. */
  List<Extractor<?>> extractors();

  /** Whether any extractor reads the body. */
  default boolean readsBody() {
    for (Extractor<?> e : extractors()) {
      if (e.readsBody()) {
        return true;
      }
    }
    return false;
  }

  /** The first extractor's own body reader ({@link Extractor#bodyReader()}), or null for the buffered body. */
  default io.vertx.core.Handler<RoutingContext> bodyReader() {
    for (Extractor<?> e : extractors()) {
      if (e.readsBody() && e.bodyReader() != null) {
        return e.bodyReader();
      }
    }
    return null;
  }
}
