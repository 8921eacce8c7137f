package io.vivace.server.impl;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vivace.config.VivaceOptions;
import io.vivace.health.Health;
import io.vivace.route.RouteDef;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server on one event loop. Every response gets {@code Server} and {@code Date} before the
 * router runs; the date is refreshed by a timer on this loop, never per request.
 */
final class HttpVerticle extends VerticleBase {
  private final List<RouteDef> routes;
  private final Health health;
  private final VivaceOptions options;
  private final int port;
  private final Executor blockingExecutor;
  private HttpServer server;

  HttpVerticle(List<RouteDef> routes, Health health, VivaceOptions options, int port, Executor blockingExecutor) {
    this.routes = routes;
    this.health = health;
    this.options = options;
    this.port = port;
    this.blockingExecutor = blockingExecutor;
  }

  @Override
  public Future<?> start() {
    Router router = RouterFactory.create(vertx, routes, health, options, blockingExecutor);
    DateHeader date = new DateHeader(System::currentTimeMillis);
    vertx.setPeriodic(DateHeader.TICK_MS, id -> date.refresh());
    CharSequence serverName = HttpHeaders.createOptimized(options.serverName());
    HttpServerOptions serverOptions = new HttpServerOptions()
        .setIdleTimeout(options.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(options.maxUriLength())
        .setMaxHeaderSize(options.maxHeaderSize())
        .setHandle100ContinueAutomatically(true)
        .setCompressionSupported(false);
    server = vertx.createHttpServer(serverOptions).requestHandler(req -> {
      MultiMap headers = req.response().headers();
      headers.add(HttpHeaders.SERVER, serverName);
      headers.add(HttpHeaders.DATE, date.value());
      router.handle(req);
    });
    return server.listen(port, options.host());
  }

  /** The bound port (after start). */
  int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting and lets in-flight requests finish for up to {@code timeoutMs}. */
  Future<Void> shutdown(long timeoutMs) {
    return server == null ? Future.succeededFuture() : server.shutdown(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
