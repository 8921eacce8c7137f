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
 * probes) unless they are on the management port, and the problem error handler.
 */
final class RouterFactory {
  private RouterFactory() {
  }

  static Router create(Vertx vertx, List<RouteDef> routes, Health health, VivaceOptions options,
      Executor blockingExecutor, OpsRoutes ops) {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodySize());
    BodyTimeout bodyTimeout = options.bodyTimeoutMs() > 0 ? new BodyTimeout(options.bodyTimeoutMs()) : null;
    for (RouteDef def : routes) {
      Route route = router.route(def.path()).method(def.method());
      if (def.method() == HttpMethod.GET) {
        route.method(HttpMethod.HEAD);
      }
      if (options.observe().accessLog() != ObserveOptions.AccessLog.OFF) {
        route.handler(ObserveStages.routeTemplate(def.path())); // the access log's route template
      }
      Endpoint endpoint = def.endpoint();
      if (endpoint.readsBody()) {
        if (bodyTimeout != null) {
          route.handler(bodyTimeout);
        }
        route.handler(body);
      }
      route.handler(Pipeline.routed(def, blockingExecutor));
    }
    List<RouteDef> all = new ArrayList<>(routes);
    if (options.healthPath() != null) {
      Route healthRoute = router.route(options.healthPath()).method(HttpMethod.GET).method(HttpMethod.HEAD);
      if (options.observe().accessLog() != ObserveOptions.AccessLog.OFF) {
        healthRoute.handler(ObserveStages.routeTemplate(options.healthPath()));
      }
      healthRoute.handler(new HealthRoute(health));
      all.add(new RouteDef(HttpMethod.GET, options.healthPath(), io.vivace.route.impl.Endpoints.of(() -> null)));
    }
    if (ops != null) {
      all.addAll(ops.mount(router));
    }
    ErrorHandler errors = new ErrorHandler(new AllowedMethods(all));
    router.route().failureHandler(errors);
    for (int code : new int[] {400, 404, 405, 408, 413, 415, 500}) {
      router.errorHandler(code, errors);
    }
    return router;
  }
}
