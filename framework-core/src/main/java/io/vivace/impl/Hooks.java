package io.vivace.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's start and stop hooks ({@code App.onStart}, {@code App.onStop}): start hooks run in the
 * order they were added, each after the previous one's future completes, and the first failure
 * fails the start; stop hooks run in the reverse order, each after the previous one, and a failing
 * stop hook is logged and does not keep the others from running. Added before the app starts (the
 * app checks that, under its lock); run from the thread that starts or stops the app.
 */
final class Hooks {
  private static final Logger LOG = LoggerFactory.getLogger(io.vivace.App.class);

  private final List<Function<Vertx, Future<?>>> start = new ArrayList<>();
  private final List<Function<Vertx, Future<?>>> stop = new ArrayList<>();

  /** @throws NullPointerException when {@code hook} is null */
  void onStart(Function<Vertx, Future<?>> hook) {
    start.add(Objects.requireNonNull(hook, "hook"));
  }

  /** @throws NullPointerException when {@code hook} is null */
  void onStop(Function<Vertx, Future<?>> hook) {
    stop.add(0, Objects.requireNonNull(hook, "hook"));
  }

  /** Runs the start hooks in order; fails with the first hook's failure (later hooks do not run). */
  Future<Void> start(Vertx vertx) {
    Future<?> ready = Future.succeededFuture();
    for (Function<Vertx, Future<?>> hook : start) {
      ready = ready.compose(ignored -> hook.apply(vertx));
    }
    return ready.mapEmpty();
  }

  /** Runs the stop hooks in reverse order of addition, each after the previous; never fails. */
  Future<Void> stop(Vertx vertx) {
    Future<Void> done = Future.succeededFuture();
    for (Function<Vertx, Future<?>> hook : stop) {
      done = done.transform(ignored -> {
        try {
          return hook.apply(vertx).<Void>mapEmpty().recover(e -> {
            LOG.warn("A stop hook failed", e);
            return Future.succeededFuture();
          });
        } catch (RuntimeException e) {
          LOG.warn("A stop hook failed", e);
          return Future.succeededFuture();
        }
      });
    }
    return done;
  }
}
