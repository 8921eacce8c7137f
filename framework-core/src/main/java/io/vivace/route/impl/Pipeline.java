package io.vivace.route.impl;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.filter.Filter;
import io.vivace.filter.impl.ExchangeImpl;
import io.vivace.route.Endpoint;
import io.vivace.route.RouteDef;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Composes a served route (see {@link io.vivace.route.impl.Scope#served}) into its call, once, when
 * an event loop's server starts: the filters (outermost first), then the guards, the extractors
 * and the handler, all inside the route's timeout. A route without filters, guards or timeout gets
 * exactly its endpoint's call: {@link RouteInvoker}, {@link BlockingInvoker} or
 * {@link Endpoints#direct}, nothing per request added.
 */
public final class Pipeline {
  private Pipeline() {
  }

  /** One request's way through a route's chain. */
  @FunctionalInterface
  interface Call {
    Object call(ExchangeImpl exchange) throws Exception;
  }

  /**
   * The route as one call on the bare request, for the static table, or null when it needs the
   * router: blocking, or an extractor or guard that needs the routing context (path parameters, a
   * body).
   */
  public static Direct direct(RouteDef def) {
    if (def.isBlocking()) {
      return null;
    }
    Direct handler = Endpoints.direct(def.endpoint());
    if (handler == null || !def.isFiltered()) {
      return handler;
    }
    List<Extractor<?>> guards = def.guards();
    RequestExtractor<?>[] rg = new RequestExtractor<?>[guards.size()];
    for (int i = 0; i < rg.length; i++) {
      rg[i] = guards.get(i).requestOnly();
      if (rg[i] == null) {
        return null;
      }
    }
    Call inner = rg.length == 0 ? ex -> handler.handle(ex.request()) : ex -> {
      for (RequestExtractor<?> g : rg) {
        g.extract(ex.request());
      }
      return handler.handle(ex.request());
    };
    Call chain = wrap(def, inner);
    String route = def.path();
    return req -> chain.call(new ExchangeImpl(req, null, route));
  }

  /** The router's handler of the route. */
  public static Handler<RoutingContext> routed(RouteDef def, Executor blockingExecutor) {
    Endpoint endpoint = def.endpoint();
    if (!def.isFiltered()) {
      return def.isBlocking() ? new BlockingInvoker(endpoint, blockingExecutor) : new RouteInvoker(endpoint);
    }
    Extractor<?>[] guards = def.guards().toArray(new Extractor<?>[0]);
    Call handler = def.isBlocking()
        ? ex -> BlockingInvoker.submit(endpoint.bind(ex.routingContext()), blockingExecutor)
        : ex -> endpoint.invoke(ex.routingContext());
    Call inner = guards.length == 0 ? handler : ex -> {
      for (Extractor<?> g : guards) {
        g.extract(ex.routingContext());
      }
      return handler.call(ex);
    };
    Call chain = wrap(def, inner);
    String route = def.path();
    return ctx -> {
      Object result;
      try {
        result = chain.call(new ExchangeImpl(ctx.request(), ctx, route));
      } catch (Throwable t) {
        ctx.fail(t);
        return;
      }
      Responder.respond(ctx, result);
    };
  }

  /** {@code inner} inside the route's filters, the whole inside its timeout. */
  private static Call wrap(RouteDef def, Call inner) {
    Call chain = inner;
    List<Filter> filters = def.filters();
    for (int i = filters.size() - 1; i >= 0; i--) {
      Filter f = filters.get(i);
      Call next = chain;
      chain = ex -> f.apply(ex, () -> next.call(ex));
    }
    if (def.timeout() == null) {
      return chain;
    }
    long ms = def.timeout().toMillis();
    String route = def.method() + " " + def.path();
    Call filtered = chain;
    return ex -> Timeouts.race(filtered.call(ex), ms, route);
  }
}
