package io.vivace.server.impl;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.config.VivaceOptions;
import io.vivace.health.Health;
import io.vivace.route.RouteDef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * The HTTP verticles of an app, one per event loop, sharing one port. With port 0 the first binds
 * a free port and the others join it.
 */
public final class HttpServers {
  private final Vertx vertx;
  private final List<RouteDef> routes;
  private final Health health;
  private final VivaceOptions options;
  private final Executor blockingExecutor;
  private final List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
  private volatile int port = -1;

  public HttpServers(Vertx vertx, List<RouteDef> routes, Health health, VivaceOptions options, Executor blockingExecutor) {
    this.vertx = vertx;
    this.routes = routes;
    this.health = health;
    this.options = options;
    this.blockingExecutor = blockingExecutor;
  }

  /** Deploys the verticles; completes with the bound port. */
  public Future<Integer> deploy() {
    HttpVerticle first = verticle(options.port());
    return vertx.deployVerticle(first).compose(id -> {
      port = first.actualPort();
      int more = options.eventLoops() - 1;
      if (more == 0) {
        return Future.succeededFuture(port);
      }
      int bound = port;
      return vertx.deployVerticle(() -> verticle(bound), new DeploymentOptions().setInstances(more)).map(port);
    });
  }

  private HttpVerticle verticle(int port) {
    HttpVerticle v = new HttpVerticle(routes, health, options, port, blockingExecutor);
    verticles.add(v);
    return v;
  }

  /** Graceful shutdown of every server: stop accepting, drain for up to {@code timeoutMs}. */
  public Future<Void> shutdown(long timeoutMs) {
    List<Future<Void>> all = new ArrayList<>();
    for (HttpVerticle v : verticles) {
      all.add(v.shutdown(timeoutMs));
    }
    return Future.join(all).mapEmpty();
  }

  /** The bound port, or -1 before deployment. */
  public int port() {
    return port;
  }
}
