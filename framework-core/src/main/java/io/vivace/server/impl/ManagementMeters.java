package io.vivace.server.impl;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.route.RouteDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The management server's requests in the app's HTTP meters, by route template as on the app's
 * port, so {@code /metrics} and the probes make the same series wherever they are served. Its
 * routes are exact paths ({@code /metrics}, the probes, the OpenAPI document and docs UI): a
 * request's template is its normalized path when that is one of them and it was not refused (404,
 * 405); else {@link HttpServerMeters#NO_ROUTE}, as a head that fails to parse. Each request is
 * recorded once its response has ended. The app's port does no work for this. Thread-safe (the
 * meters are); runs on the management server's event loop.
 */
final class ManagementMeters {
  private final HttpServerMeters meters;
  /** A route's meters by its path: for GET, then HEAD. */
  private final Map<String, HttpServerMeters.Route[]> byPath = new HashMap<>();

  /** @param defs the management server's routes (GET; HEAD is metered too) */
  ManagementMeters(HttpServerMeters meters, List<RouteDef> defs) {
    this.meters = meters;
    for (RouteDef def : defs) {
      byPath.put(def.path(), new HttpServerMeters.Route[] {
          meters.route(HttpMethod.GET.name(), def.path()), meters.route(HttpMethod.HEAD.name(), def.path())});
    }
  }

  /** Hooks first into {@code router}: every request it routes (404s and 405s too) is recorded. */
  void mount(Router router) {
    router.route().order(Integer.MIN_VALUE).handler(ctx -> {
      long t0 = System.nanoTime();
      meters.begin();
      ctx.addEndHandler(ended -> {
        HttpServerRequest req = ctx.request();
        record(meter(req.method(), req.response().getStatusCode(), ctx.normalizedPath()), req, t0);
      });
      ctx.next();
    });
  }

  /** Records a request whose head failed to parse (as matching no route), then lets Vert.x answer it. */
  void invalid(HttpServerRequest req) {
    long t0 = System.nanoTime();
    meters.begin();
    req.response().endHandler(v -> record(meters.noRoute(req.method() == null ? null : req.method().name()), req, t0));
    HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(req);
  }

  private HttpServerMeters.Route meter(HttpMethod method, int status, String path) {
    HttpServerMeters.Route[] route = null;
    if (status != 404 && status != 405 && path != null) {
      int end = path.length() > 1 && path.endsWith("/") ? path.length() - 1 : path.length(); // "/metrics/" is routed too
      route = byPath.get(end == path.length() ? path : path.substring(0, end));
    }
    if (route != null && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
      return route[method == HttpMethod.GET ? 0 : 1];
    }
    return meters.noRoute(method.name());
  }

  private void record(HttpServerMeters.Route route, HttpServerRequest req, long t0) {
    HttpServerResponse res = req.response();
    long out = req.method() == HttpMethod.HEAD ? 0 : res.bytesWritten();
    route.record(res.getStatusCode(), req.bytesRead(), out, System.nanoTime() - t0);
    meters.end();
  }
}
