package io.vivace.filter.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vivace.filter.After;
import io.vivace.filter.Exchange;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Applies an {@link After} to a result once it is known, on the request's event loop. */
public final class Results {
  private Results() {
  }

  /** See {@link io.vivace.filter.Filter#whenDone}. */
  public static Object whenDone(Exchange exchange, Object result, After then) throws Exception {
    if (result instanceof Future) {
      return whenDone(exchange, (Future<?>) result, then);
    }
    if (result instanceof CompletionStage) {
      Promise<Object> p = Promise.promise();
      ((CompletionStage<?>) result).whenComplete((v, t) -> {
        if (t != null) {
          p.fail(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
        } else {
          p.complete(v);
        }
      });
      return whenDone(exchange, p.future(), then);
    }
    return then.after(exchange, result);
  }

  private static Future<Object> whenDone(Exchange exchange, Future<?> result, After then) {
    Context loop = Vertx.currentContext();
    Promise<Object> out = Promise.promise();
    result.onComplete(ar -> onLoop(loop, () -> settle(exchange, ar, then, out)));
    return out.future();
  }

  private static void settle(Exchange exchange, AsyncResult<?> ar, After then, Promise<Object> out) {
    if (ar.failed()) {
      out.fail(ar.cause());
      return;
    }
    try {
      Object next = whenDone(exchange, ar.result(), then); // a future of a future: await it too
      if (next instanceof Future) {
        ((Future<?>) next).onComplete(v -> out.complete(v), out::fail);
      } else {
        out.complete(next);
      }
    } catch (Throwable t) {
      out.fail(t);
    }
  }

  /** Runs {@code task} on {@code loop}: now when already there (or without a loop), else queued to it. */
  static void onLoop(Context loop, Runnable task) {
    if (loop == null || Vertx.currentContext() == loop) {
      task.run();
    } else {
      loop.runOnContext(x -> task.run());
    }
  }
}
