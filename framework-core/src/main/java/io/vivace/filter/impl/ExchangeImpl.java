package io.vivace.filter.impl;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vivace.filter.Exchange;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * One request's {@link Exchange}: the bare request (static path) or the routing context (router
 * path) and the route template. Made per request only on routes with filters, guards or a timeout.
 */
public final class ExchangeImpl implements Exchange {
  private final HttpServerRequest request;
  private final RoutingContext ctx;
  private final String route;
  private final long startNanos;
  private List<Completion> listeners;

  /** @param ctx the routing context, or null on the static path */
  public ExchangeImpl(HttpServerRequest request, RoutingContext ctx, String route) {
    this.request = request;
    this.ctx = ctx;
    this.route = route;
    this.startNanos = System.nanoTime();
  }

  @Override
  public HttpServerRequest request() {
    return request;
  }

  /** The routing context, or null when the request is served from the static table. */
  public RoutingContext routingContext() {
    return ctx;
  }

  @Override
  public String route() {
    return route;
  }

  @Override
  public Exchange responseHeader(CharSequence name, CharSequence value) {
    request.response().headers().add(name, value);
    return this;
  }

  @Override
  public long startNanos() {
    return startNanos;
  }

  @Override
  public void onEnd(Completion listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    if (listeners == null) {
      listeners = new ArrayList<>(2);
      HttpServerResponse resp = request.response();
      if (ctx != null) {
        ctx.addEndHandler(v -> ended(resp)); // the router owns the response's end handler
      } else {
        io.vivace.observe.impl.ObserveStages.onEnd(request, v -> ended(resp)); // shares the slot with the access log
      }
    }
    listeners.add(listener);
  }

  private void ended(HttpServerResponse resp) {
    long nanos = System.nanoTime() - startNanos;
    int status = resp.getStatusCode();
    long bytes = resp.bytesWritten();
    for (Completion c : listeners) {
      try {
        c.ended(this, status, bytes, nanos);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger("io.vivace.errors").warn("{} {}: an end listener failed", request.method(), route, e);
      }
    }
  }
}
