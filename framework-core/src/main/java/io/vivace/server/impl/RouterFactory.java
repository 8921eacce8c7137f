package io.vivace.server.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vivace.config.VivaceOptions;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.impl.ObserveStages;
import io.vivace.health.Health;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.route.Endpoint;
import io.vivace.route.RouteDef;
import io.vivace.route.impl.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Builds one event loop's Vert.x Web {@link Router} from the declared routes: a body handler only
 * on routes whose extractors read the body, GET routes also answering HEAD, the health route after
 * the user's (so a user route on the same path wins), then the {@link OpsRoutes} (metrics and
 * probes) unless they are on the management port, then the file mounts ({@code app.files}: their
 * {@code prefix/*} never hides another route), and the problem error handler. When the access
 * log, the metrics or tracing are on, every route's first handler records its template and its meters
 * ({@link ObserveStages#routeTemplate}), looked up here once.
 */
final class RouterFactory {
  private RouterFactory() {
  }

  static Router create(Vertx vertx, List<RouteDef> routes, Health health, VivaceOptions options,
      Executor blockingExecutor, OpsRoutes ops, HttpServerMeters meters, boolean traced) {
    Router router = Router.router(vertx);
    boolean tagged = meters != null || traced || options.observe().accessLog() != ObserveOptions.AccessLog.OFF;
    BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodySize());
    BodyTimeout bodyTimeout = options.bodyTimeoutMs() > 0 ? new BodyTimeout(options.bodyTimeoutMs()) : null;
    List<RouteDef> mounts = new ArrayList<>(); // file mounts (prefix/*): after every other route
    for (RouteDef def : routes) {
      if (def.endpoint() instanceof io.vivace.files.impl.FileServer) {
        mounts.add(def);
      } else {
        add(router, def, tagged, meters, body, bodyTimeout, blockingExecutor);
      }
    }
    List<RouteDef> all = new ArrayList<>(routes);
    if (options.healthPath() != null) {
      Route healthRoute = router.route(options.healthPath()).method(HttpMethod.GET).method(HttpMethod.HEAD);
      if (tagged) {
        healthRoute.handler(tagger(meters).apply(options.healthPath()));
      }
      healthRoute.handler(new HealthRoute(health));
      all.add(new RouteDef(HttpMethod.GET, options.healthPath(), io.vivace.route.impl.Endpoints.of(() -> null)));
    }
    if (ops != null) {
      all.addAll(ops.mount(router, tagged ? tagger(meters) : null));
    }
    for (RouteDef def : mounts) {
      add(router, def, tagged, meters, body, bodyTimeout, blockingExecutor);
    }
    ErrorHandler errors = new ErrorHandler(new AllowedMethods(all));
    router.route().failureHandler(errors);
    for (int code : new int[] {400, 404, 405, 408, 413, 415, 500}) {
      router.errorHandler(code, errors);
    }
    return router;
  }

  private static void add(Router router, RouteDef def, boolean tagged, HttpServerMeters meters, BodyHandler body,
      BodyTimeout bodyTimeout, Executor blockingExecutor) {
    Route route = router.route(def.path()).method(def.method());
    if (def.method() == HttpMethod.GET) {
      route.method(HttpMethod.HEAD);
    }
    if (tagged) { // the route template of the access log and the meters
      route.handler(ObserveStages.routeTemplate(def.path(), meter(meters, def.method(), def.path()),
          meter(meters, def.method() == HttpMethod.GET ? HttpMethod.HEAD : def.method(), def.path())));
    }
    Endpoint endpoint = def.endpoint();
    if (endpoint.readsBody()) {
      if (bodyTimeout != null) {
        route.handler(bodyTimeout);
      }
      io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> own = endpoint.bodyReader();
      route.handler(own != null ? own : body); // a multipart body streams to files
    }
    route.handler(Pipeline.routed(def, blockingExecutor));
  }

  /** The meters of {@code method} and {@code template}, or null when metrics are off. */
  private static HttpServerMeters.Route meter(HttpServerMeters meters, HttpMethod method, String template) {
    return meters == null ? null : meters.route(method.name(), template);
  }

  /** The first handler of a GET (and HEAD) route of {@code template}. */
  static java.util.function.Function<String, io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>> tagger(
      HttpServerMeters meters) {
    return template -> ObserveStages.routeTemplate(template, meter(meters, HttpMethod.GET, template),
        meter(meters, HttpMethod.HEAD, template));
  }
}
