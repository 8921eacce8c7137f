package io.vivace.route.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vivace.problem.ProblemException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's request timeout: an asynchronous result races a timer on the request's event loop; the
 * first to finish decides the answer, the other is dropped. Used only by routes that declare a
 * timeout.
 */
final class Timeouts {
  private static final Logger LOG = LoggerFactory.getLogger(Timeouts.class);

  private Timeouts() {
  }

  /** The problem sent when a route's timeout expires: 503 with {@code Retry-After}. */
  static ProblemException expired(long ms) {
    return ProblemException.of(503, "The request did not complete within " + ms + " ms.")
        .retryAfter(ProblemException.DEFAULT_RETRY_AFTER_SECONDS);
  }

  /**
   * {@code result} itself when it is already known (not a future); else a future that completes
   * with it, or fails with a 503 problem when {@code ms} pass first (the late result is dropped).
   * Called on the event loop.
   */
  static Object race(Object result, long ms, String route) {
    Future<?> pending;
    if (result instanceof Future) {
      pending = (Future<?>) result;
      if (pending.isComplete()) {
        return result;
      }
    } else if (result instanceof CompletionStage) {
      pending = Future.fromCompletionStage((CompletionStage<?>) result);
    } else {
      return result;
    }
    Context loop = Vertx.currentContext();
    Promise<Object> answer = Promise.promise();
    long timer = loop.owner().setTimer(ms, id -> answer.tryFail(expired(ms)));
    pending.onComplete(ar -> {
      if (Vertx.currentContext() != loop) {
        loop.runOnContext(x -> settle(loop, timer, answer, ar, route));
      } else {
        settle(loop, timer, answer, ar, route);
      }
    });
    return answer.future();
  }

  private static void settle(Context loop, long timer, Promise<Object> answer, io.vertx.core.AsyncResult<?> ar, String route) {
    loop.owner().cancelTimer(timer);
    boolean won = ar.succeeded() ? answer.tryComplete(ar.result()) : answer.tryFail(ar.cause());
    if (!won && LOG.isDebugEnabled()) {
      LOG.debug("{}: result arrived after the timeout and was dropped{}", route,
          ar.failed() ? " (" + ar.cause() + ")" : "");
    }
  }
}
