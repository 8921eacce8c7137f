package io.vivace.route.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vivace.route.Endpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The Vert.x Web handler of a blocking route: extracts on the event loop, runs the handler on
 * {@code executor} (virtual threads), or on the Vert.x worker pool when there is none, and gives
 * the pending result to the {@link Responder}, which writes it back on the event loop (a failure
 * becomes a problem like any failed future).
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
    Object result;
    try {
      result = submit(endpoint.bind(ctx), executor);
    } catch (Throwable t) {
      ctx.fail(t);
      return;
    }
    Responder.respond(ctx, result);
  }

  /**
   * Runs {@code call} off the event loop: on {@code executor}, or the worker pool of the calling
   * event loop's Vert.x when it is null. Called on the event loop.
   *
   * @return completes with the call's result (maybe itself a future), or fails with what it threw
   */
  static Future<Object> submit(Callable<Object> call, Executor executor) {
    if (executor == null) {
      return Vertx.currentContext().executeBlocking(call, false);
    }
    Promise<Object> result = Promise.promise();
    ContextInternal requestContext = ContextInternal.current();
    executor.execute(() -> {
      // The request's Vert.x context is the current one on this thread while the handler runs, as
      // on the worker pool, so what reads it (the request id in log lines) sees the request. The
      // result is handed over after, with no context current: its listeners go back to the loop.
      Object value = null;
      Throwable failure = null;
      ContextInternal previous = requestContext == null ? null : requestContext.beginDispatch();
      try {
        value = call.call();
      } catch (Throwable t) {
        failure = t;
      } finally {
        if (requestContext != null) {
          requestContext.endDispatch(previous);
        }
      }
      if (failure != null) {
        result.fail(failure);
      } else {
        result.complete(value);
      }
    });
    return result.future();
  }
}
