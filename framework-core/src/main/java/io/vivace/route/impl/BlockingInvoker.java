package io.vivace.route.impl;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vivace.route.Endpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The Vert.x Web handler of a blocking route: extracts on the event loop, runs the handler on
 * {@code executor} (virtual threads), or on the Vert.x worker pool when there is none, and writes
 * the response back on the event loop.
 */
public final class BlockingInvoker implements Handler<RoutingContext> {
  private final Endpoint endpoint;
  private final Executor executor;

  /** @param executor where handlers run, or {@code null} for the Vert.x worker pool */
  public BlockingInvoker(Endpoint endpoint, Executor executor) {
    this.endpoint = endpoint;
    this.executor = executor;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Callable<Object> call;
    try {
      call = endpoint.bind(ctx);
    } catch (Throwable t) {
      ctx.fail(t);
      return;
    }
    if (executor == null) {
      ctx.vertx().executeBlocking(call, false).onComplete(v -> Responder.respond(ctx, v), ctx::fail);
      return;
    }
    Context eventLoop = Vertx.currentContext();
    executor.execute(() -> {
      Object result;
      try {
        result = call.call();
      } catch (Throwable t) {
        eventLoop.runOnContext(v -> ctx.fail(t));
        return;
      }
      eventLoop.runOnContext(v -> Responder.respond(ctx, result));
    });
  }
}
