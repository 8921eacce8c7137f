package io.vivace.cache.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns a {@link CompletableFuture} into a Vert.x {@link Future} whose callbacks run on the
 * caller's context: a load joined from another event loop, or an L2 reply on a Lettuce thread,
 * is brought back to the loop that asked (Vert.x strict thread mode writes responses on the
 * connection's loop only). Already-completed futures cost one small object and no hop.
 */
final class OnContext {
  private OnContext() {
  }

  /** {@code cf} on {@code ctx} (null: on whichever thread completes it), mapped by {@code map}. */
  @SuppressWarnings("unchecked")
  static <V> Future<V> future(CompletableFuture<Object> cf, Context ctx) {
    if (cf.isDone() && !cf.isCompletedExceptionally()) {
      Object held = cf.join();
      return held instanceof CaffeineTier.Failed ? Future.failedFuture(((CaffeineTier.Failed) held).cause)
          : Future.succeededFuture((V) TieredCache.value(held));
    }
    Promise<V> promise = Promise.promise();
    cf.whenComplete((v, t) -> {
      if (ctx == null || Vertx.currentContext() == ctx) {
        complete(promise, v, t);
      } else {
        ctx.runOnContext(x -> complete(promise, v, t));
      }
    });
    return promise.future();
  }

  @SuppressWarnings("unchecked")
  private static <V> void complete(Promise<V> promise, Object v, Throwable t) {
    if (t != null) {
      promise.fail(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
    } else if (v instanceof CaffeineTier.Failed) {
      promise.fail(((CaffeineTier.Failed) v).cause);
    } else {
      promise.complete((V) TieredCache.value(v));
    }
  }

  /** Runs {@code task} on {@code ctx} (now if already there, or when {@code ctx} is null). */
  static void run(Context ctx, Runnable task) {
    if (ctx == null || Vertx.currentContext() == ctx) {
      task.run();
    } else {
      ctx.runOnContext(x -> task.run());
    }
  }
}
