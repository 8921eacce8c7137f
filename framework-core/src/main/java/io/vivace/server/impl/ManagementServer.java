package io.vivace.server.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.route.RouteDef;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The management server ({@code VIVACE_MANAGEMENT_PORT}): one HTTP server on one event loop that
 * serves only the {@link OpsRoutes} (metrics and probes, and the OpenAPI document and docs UI when
 * {@code VIVACE_OPENAPI_SERVE} puts them there), so they can be kept off the public port.
 * Unknown paths get the usual 404 problem. Its requests are counted in the app's HTTP meters by
 * route template ({@link ManagementMeters}).
 */
final class ManagementServer {
  private final Vertx vertx;
  private final OpsRoutes ops;
  private final String host;
  private final int port;
  private final HttpServerMeters meters;
  private volatile HttpServer server;

  /** @param meters the app's HTTP meters, which count this server's requests too; null when metrics are off */
  ManagementServer(Vertx vertx, OpsRoutes ops, String host, int port, HttpServerMeters meters) {
    this.vertx = vertx;
    this.ops = ops;
    this.host = host;
    this.port = port;
    this.meters = meters;
  }

  /** Listens; completes with the bound port. */
  Future<Integer> start() {
    Router router = Router.router(vertx);
    List<RouteDef> defs = new java.util.ArrayList<>(ops.mount(router, null));
    defs.addAll(ops.mountManagementOnly(router));
    ErrorHandler errors = new ErrorHandler(new AllowedMethods(defs));
    router.route().failureHandler(errors);
    for (int code : new int[] {400, 404, 405, 500}) {
      router.errorHandler(code, errors);
    }
    HttpServer s = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false)).requestHandler(router);
    if (meters != null) {
      ManagementMeters metered = new ManagementMeters(meters, defs);
      metered.mount(router);
      s.invalidRequestHandler(metered::invalid);
    }
    server = s;
    return s.listen(port, host).map(HttpServer::actualPort);
  }

  /** Stops listening, letting a probe or scrape in flight finish for up to {@code timeoutMs}. */
  Future<Void> shutdown(long timeoutMs) {
    HttpServer s = server;
    return s == null ? Future.succeededFuture() : s.shutdown(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
