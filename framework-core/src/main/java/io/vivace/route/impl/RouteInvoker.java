package io.vivace.route.impl;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vivace.route.Endpoint;

/** The Vert.x Web handler of a non-blocking route: one call into the endpoint, one into the responder. */
public final class RouteInvoker implements Handler<RoutingContext> {
  private final Endpoint endpoint;

  public RouteInvoker(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Object result;
    try {
      result = endpoint.invoke(ctx);
    } catch (Throwable t) {
      ctx.fail(t);
      return;
    }
    Responder.respond(ctx, result);
  }
}
