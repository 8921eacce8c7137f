package io.vivace.server.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vivace.config.VivaceOptions;
import io.vivace.health.impl.Probes;
import io.vivace.metrics.impl.MetricsImpl;
import io.vivace.route.RouteDef;
import io.vivace.route.impl.Endpoints;
import java.util.List;
import java.util.function.Function;

/**
 * The operations routes: {@code GET /metrics} (when metrics are on) and the liveness and
 * readiness probes ({@code {health path}/live}, {@code {health path}/ready}, when the health route
 * is on), mounted on the app's router or, with {@code VIVACE_MANAGEMENT_PORT}, on the management
 * server's. {@code GET} and {@code HEAD} each. None of them is a static route: they go through the
 * router and cost the other routes nothing.
 */
public final class OpsRoutes {
  /** The path of the metrics route: {@value}. */
  public static final String METRICS_PATH = "/metrics";

  private final MetricsImpl metrics;
  private final Probes probes;
  private final String healthPath;
  private Function<Router, List<RouteDef>> managementOnly = router -> List.of();

  /**
   * @param metrics the app's metrics; its registry null: no {@code /metrics}
   * @param probes the app's probes
   */
  public OpsRoutes(MetricsImpl metrics, Probes probes, VivaceOptions options) {
    this.metrics = metrics.registry() == null ? null : metrics;
    this.probes = probes;
    this.healthPath = options.healthPath();
  }

  /**
   * Routes served only by the management server (the OpenAPI document and docs UI when
   * {@code VIVACE_OPENAPI_SERVE} puts them there): {@code mount} adds them to its router and returns
   * them as declarations. Set before the start.
   */
  public OpsRoutes managementOnly(Function<Router, List<RouteDef>> mount) {
    this.managementOnly = java.util.Objects.requireNonNull(mount, "mount");
    return this;
  }

  /** Adds the management-only routes to the management server's {@code router}. */
  List<RouteDef> mountManagementOnly(Router router) {
    return managementOnly.apply(router);
  }

  /**
   * Adds the routes to {@code router}; returns them as route declarations (for {@code Allow}).
   *
   * @param first makes each route's first handler from its path (its template for the access log
   *     and the meters), or null for none
   */
  List<RouteDef> mount(Router router, Function<String, Handler<RoutingContext>> first) {
    List<RouteDef> defs = new java.util.ArrayList<>();
    if (metrics != null) {
      route(router, METRICS_PATH, first).handler(this::metrics);
      defs.add(def(METRICS_PATH));
    }
    if (healthPath != null) {
      String live = healthPath.endsWith("/") ? healthPath + "live" : healthPath + "/live";
      String ready = healthPath.endsWith("/") ? healthPath + "ready" : healthPath + "/ready";
      route(router, live, first).handler(probes::live);
      route(router, ready, first).handler(probes::ready);
      defs.add(def(live));
      defs.add(def(ready));
    }
    return defs;
  }

  private static Route route(Router router, String path, Function<String, Handler<RoutingContext>> first) {
    Route r = router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    return first == null ? r : r.handler(first.apply(path));
  }

  private static RouteDef def(String path) {
    return new RouteDef(HttpMethod.GET, path, Endpoints.of(() -> null));
  }

  /** Renders the registry on a worker thread (it reads every gauge), then answers on the loop. */
  private void metrics(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    ctx.vertx().executeBlocking(() -> metrics.scrape(accept), false).onComplete(body -> {
      if (!ctx.response().closed()) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, MetricsImpl.contentType(accept))
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(body);
      }
    }, ctx::fail);
  }
}
