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
 * The HTTP verticles of an app, one per event loop, sharing one port.
 */
public final class HttpServers {
  private final Vertx vertx;
  private final List<RouteDef> routes;
  private final Health health;
  private final VivaceOptions options;
  private final Executor blockingExecutor;
  private final ServerStages stages;
  private final List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
  private volatile int port = -1;

  public HttpServers(Vertx vertx, List<RouteDef> routes, Health health, VivaceOptions options, Executor blockingExecutor,
      ServerStages stages) {
    this.vertx = vertx;
    this.stages = stages;
    this.routes = routes;
    this.health = health;
    this.options = options;
    this.blockingExecutor = blockingExecutor;
    StaticRoutes.logPlan(routes);
  }

  /**
   * Deploys the verticles; completes with the bound port. Port 0 becomes Vert.x's shared random
   * port (-1): every verticle then joins the one free port the first one gets.
   */
  public Future<Integer> deploy() {
    int listenPort = options.port() == 0 ? -1 : options.port();
    return vertx.deployVerticle(() -> verticle(listenPort), new DeploymentOptions().setInstances(options.eventLoops()))
        .map(id -> {
          port = verticles.get(0).actualPort();
          return port;
        });
  }

  private HttpVerticle verticle(int port) {
    HttpVerticle v = new HttpVerticle(routes, health, options, port, blockingExecutor, stages);
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
