package io.vivace.server.impl;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.config.VivaceOptions;
import io.vivace.health.Health;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.route.RouteDef;
import io.vivace.tls.TlsOptions;
import io.vivace.tls.impl.TlsFiles;
import io.vivace.tls.impl.TlsRedirect;
import io.vivace.tls.impl.TlsReloader;
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
  private final OpsRoutes ops;
  private final ManagementServer management;
  private final HttpServerMeters meters;
  private final io.vivace.websocket.impl.WebSockets webSockets;
  private final TlsOptions tlsOptions;
  private final TlsFiles tls;
  private TlsReloader reloader;
  private TlsRedirect redirect;
  private final List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
  private volatile int port = -1;
  private volatile int managementPort = -1;

  /**
   * @param ops the metrics and probe routes: on the app's port, or on the management server when
   *     {@code options.managementPort()} is set
   * @param meters the app's HTTP meters, shared by every event loop; null when metrics are off
   * @param tlsOptions the app's TLS settings; {@code tls} the files they name as read at start, null
   *     when TLS is off
   */
  public HttpServers(Vertx vertx, List<RouteDef> routes, Health health, VivaceOptions options, Executor blockingExecutor,
      ServerStages stages, OpsRoutes ops, HttpServerMeters meters, TlsOptions tlsOptions, TlsFiles tls) {
    this.vertx = vertx;
    this.tlsOptions = tlsOptions;
    this.tls = tls;
    this.meters = meters;
    this.webSockets = new io.vivace.websocket.impl.WebSockets(options.webSocket(), meters == null ? null : meters.registry());
    this.stages = stages;
    boolean separate = options.managementPort() > 0;
    this.ops = separate ? null : ops;
    this.management = separate ? new ManagementServer(vertx, ops, options.host(), options.managementPort(), meters) : null;
    this.routes = routes;
    this.health = health;
    this.options = options;
    this.blockingExecutor = blockingExecutor;
    StaticRoutes.logPlan(routes);
  }

  /**
   * Deploys the verticles; completes with the bound port. Port 0 becomes Vert.x's shared random
   * port (-1): every verticle then joins the one free port the first one gets. The management
   * server, when configured, listens first.
   */
  public Future<Integer> deploy() {
    int listenPort = options.port() == 0 ? -1 : options.port();
    Future<Integer> managed = management == null ? Future.succeededFuture(-1) : management.start();
    return managed.compose(mp -> {
      managementPort = mp;
      return vertx.deployVerticle(() -> verticle(listenPort), new DeploymentOptions().setInstances(options.eventLoops()));
    }).compose(id -> {
      port = verticles.get(0).actualPort();
      if (tls == null) {
        return Future.succeededFuture(port);
      }
      reloader = new TlsReloader(vertx, tlsOptions, tls, () -> verticles.stream().map(HttpVerticle::server).toList());
      reloader.start();
      if (tlsOptions.redirectPort() == 0) {
        return Future.succeededFuture(port);
      }
      redirect = new TlsRedirect(vertx, options.host(), tlsOptions.redirectPort());
      return redirect.start(port).map(p -> port);
    });
  }

  private HttpVerticle verticle(int port) {
    HttpVerticle v = new HttpVerticle(routes, health, options, port, blockingExecutor, stages, ops, meters, tls, webSockets);
    verticles.add(v);
    return v;
  }

  /**
   * Graceful shutdown of every server: stop accepting, drain for up to {@code timeoutMs}; the
   * management server (probes, metrics) answers until the app's servers have drained.
   */
  public Future<Void> shutdown(long timeoutMs) {
    if (reloader != null) {
      reloader.stop();
    }
    List<Future<Void>> all = new ArrayList<>();
    if (redirect != null) {
      all.add(redirect.close());
    }
    for (HttpVerticle v : verticles) {
      all.add(v.shutdown(timeoutMs));
    }
    Future<Void> drained = Future.join(all).mapEmpty();
    return management == null ? drained : drained.eventually(() -> management.shutdown(timeoutMs));
  }

  /** The management server's bound port, or -1 when there is none (or before deployment). */
  public int managementPort() {
    return managementPort;
  }

  /** Whether the app's port speaks TLS. */
  public boolean tls() {
    return tls != null;
  }

  /** The bound port, or -1 before deployment. */
  public int port() {
    return port;
  }
}
