package io.vivace.health.impl;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.RoutingContext;
import io.vivace.health.Health;
import io.vivace.json.Json;
import io.vivace.problem.Problem;
import io.vivace.route.impl.Responder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The liveness and readiness probes (Kubernetes' terms) of an app.
 *
 * <ul>
 *   <li>Liveness ({@link #live}): a task is posted to every event loop; 200 {@code {"status":"UP"}}
 *       when each ran within the liveness timeout, else 503 with an RFC 9457 problem naming the
 *       loops that did not answer (a loop stuck in a blocking call or an endless handler).</li>
 *   <li>Readiness ({@link #ready}): 200 when every {@link Health#readiness readiness check}
 *       succeeds within its timeout and the app is not stopping; else 503 with a problem whose
 *       {@code detail} names what is down. From {@link #stopping()} on (the start of a graceful
 *       shutdown) it answers 503 at once, so load balancers stop sending traffic before the drain
 *       closes connections.</li>
 * </ul>
 *
 * Both answer {@code Cache-Control: no-store}, never block their event loop (the checks are
 * futures bounded by a timer) and write on the request's loop. Thread-safe.
 */
public final class Probes {
  private final Health health;
  private final long livenessTimeoutMs;
  private volatile boolean stopping;

  /**
   * @param livenessTimeoutMs milliseconds each event loop gets to answer the liveness probe
   */
  public Probes(Health health, long livenessTimeoutMs) {
    this.health = health;
    this.livenessTimeoutMs = livenessTimeoutMs;
  }

  /** The app is shutting down: readiness answers 503 from now on. Any thread. */
  public void stopping() {
    stopping = true;
  }

  /** Whether {@link #stopping()} was called. */
  public boolean isStopping() {
    return stopping;
  }

  /** Answers the liveness probe. Called on the request's event loop. */
  public void live(RoutingContext ctx) {
    List<EventExecutor> loops = new ArrayList<>();
    for (EventExecutor e : ((VertxInternal) ctx.vertx()).nettyEventLoopGroup()) {
      loops.add(e);
    }
    Context here = ctx.vertx().getOrCreateContext();
    boolean[] answered = new boolean[loops.size()];
    AtomicInteger remaining = new AtomicInteger(loops.size());
    AtomicBoolean done = new AtomicBoolean();
    long timer = ctx.vertx().setTimer(livenessTimeoutMs, t -> {
      if (done.compareAndSet(false, true)) {
        StringBuilder stuck = new StringBuilder();
        synchronized (answered) {
          for (int i = 0; i < answered.length; i++) {
            if (!answered[i]) {
              stuck.append(stuck.length() == 0 ? "" : ", ").append(i);
            }
          }
        }
        problem(ctx, "event loop(s) " + stuck + " did not answer within " + livenessTimeoutMs + " ms");
      }
    });
    for (int i = 0; i < loops.size(); i++) {
      int index = i;
      loops.get(i).execute(() -> {
        synchronized (answered) {
          answered[index] = true;
        }
        if (remaining.decrementAndGet() == 0 && done.compareAndSet(false, true)) {
          here.runOnContext(v -> {
            ctx.vertx().cancelTimer(timer);
            up(ctx);
          });
        }
      });
    }
  }

  /** Answers the readiness probe. Called on the request's event loop. */
  public void ready(RoutingContext ctx) {
    if (stopping) {
      problem(ctx, "shutting down");
      return;
    }
    List<Health.Check> checks = health.readinessChecks();
    List<Future<?>> results = new ArrayList<>(checks.size());
    for (Health.Check c : checks) {
      Future<?> f;
      try {
        f = c.check().get().timeout(c.timeoutMs(), TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      results.add(f);
    }
    Context here = ctx.vertx().getOrCreateContext();
    Future.join(results).onComplete(all -> here.runOnContext(v -> {
      StringBuilder down = new StringBuilder();
      for (int i = 0; i < checks.size(); i++) {
        if (results.get(i).failed()) {
          down.append(down.length() == 0 ? "" : ", ").append(checks.get(i).name());
        }
      }
      if (stopping) {
        problem(ctx, "shutting down");
      } else if (down.length() > 0) {
        problem(ctx, "not ready: " + down + " down");
      } else {
        up(ctx);
      }
    }));
  }

  private static void up(RoutingContext ctx) {
    HttpServerResponse resp = ctx.response();
    if (resp.closed() || resp.ended()) {
      return;
    }
    resp.setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, Responder.APPLICATION_JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end("{\"status\":\"UP\"}");
  }

  private static void problem(RoutingContext ctx, String detail) {
    HttpServerResponse resp = ctx.response();
    if (resp.closed() || resp.ended()) {
      return;
    }
    resp.setStatusCode(503)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.RETRY_AFTER, "1")
        .end(Json.encode(Problem.of(503, detail).withInstance(ctx.request().path())));
  }
}
