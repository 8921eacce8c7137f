package io.vivace.observe.impl;

import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.Router;
import io.vivace.observe.ObserveOptions;
import java.security.SecureRandom;

/**
 * The server-level stages of one event loop, composed once at start from {@link ObserveOptions}:
 * the request id, the access log and the client address behind trusted proxies. Every request
 * passes {@link #begin} before it is dispatched (static table or router, 404s included). A stage
 * that is off is a null field: no work and no allocation for it. With everything off there is no
 * instance at all ({@link #start} returns null). Confined to its event loop.
 */
public final class ObserveStages {
  /** The {@code X-Request-Id} header name, pre-encoded. */
  public static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("x-request-id");

  private final RequestIdSource ids;
  private final AccessLogWriter access;
  private final ProxiedClients clients;

  private ObserveStages(RequestIdSource ids, AccessLogWriter access, ProxiedClients clients) {
    this.ids = ids;
    this.access = access;
    this.clients = clients;
  }

  /**
   * The stages of the calling verticle's event loop, bound to its context (so
   * {@link io.vivace.observe.ClientAddress} finds them) and, when the access log is on, hooked
   * first into {@code router} to learn the route template; null when every stage is off. Called
   * in the verticle's {@code start}, on its event loop.
   */
  public static ObserveStages start(ObserveOptions options, Context verticleContext, Router router,
      java.util.List<io.vivace.route.RouteDef> routes) {
    ProxiedClients clients = options.trustedProxies().isEmpty() ? null
        : new ProxiedClients(Cidrs.of(options.trustedProxies()));
    RequestIdSource ids = options.requestId() ? new RequestIdSource(new SecureRandom()) : null;
    AccessLogWriter access = options.accessLog() == ObserveOptions.AccessLog.OFF ? null
        : new AccessLogWriter(options.accessLog() == ObserveOptions.AccessLog.JSON, clients, exactPaths(routes));
    if (ids == null && access == null && clients == null) {
      return null;
    }
    ObserveStages stages = new ObserveStages(ids, access, clients);
    ((ContextInternal) verticleContext).unwrap().putLocal(ObserveLocals.STAGES, ObserveLocals.PLAIN, stages);
    if (access != null) {
      router.route().order(Integer.MIN_VALUE).handler(ctx -> {
        AccessRecord r = record(ctx);
        if (r != null) {
          r.route = null; // unknown until a route matches here (routeTemplate)
          // Vert.x Web takes the response's one end handler for its own list (a route's
          // addEndHandler): join that list, so the record is written exactly once either way.
          ctx.addEndHandler(ended -> r.handle(null));
        }
        ctx.next();
      });
    }
    return stages;
  }

  /**
   * The first handler of a routed route when the access log is on: records {@code template} as the
   * request's route template, then goes on. Called on the event loop.
   */
  public static Handler<RoutingContext> routeTemplate(String template) {
    return new RouteTemplate(template);
  }

  /** A platform handler: Vert.x Web runs it before body and user handlers. */
  private static final class RouteTemplate implements PlatformHandler {
    private final String template;

    RouteTemplate(String template) {
      this.template = template;
    }

    @Override
    public void handle(RoutingContext ctx) {
      AccessRecord r = record(ctx);
      if (r != null) {
        r.route = template;
      }
      ctx.next();
    }
  }

  /**
   * Sets {@code handler} as an end handler of {@code req}'s response served without the router.
   * The response has one end-handler slot; when the access log holds it, {@code handler} is called
   * from there, so both run. Called on the request's event loop.
   */
  public static void onEnd(HttpServerRequest req, Handler<Void> handler) {
    AccessRecord r = ObserveLocals.contextOf(req).getLocal(ObserveLocals.ACCESS, ObserveLocals.PLAIN);
    if (r != null) {
      r.alsoOnEnd(handler);
    } else {
      req.response().endHandler(handler);
    }
  }

  private static java.util.Set<String> exactPaths(java.util.List<io.vivace.route.RouteDef> routes) {
    java.util.Set<String> paths = new java.util.HashSet<>();
    for (io.vivace.route.RouteDef def : routes) {
      if (def.path().indexOf(':') < 0 && def.path().indexOf('*') < 0) {
        paths.add(def.path());
      }
    }
    return paths;
  }

  private static AccessRecord record(RoutingContext ctx) {
    return ObserveLocals.contextOf(ctx.request()).getLocal(ObserveLocals.ACCESS, ObserveLocals.PLAIN);
  }

  /**
   * Runs the stages for {@code req}, on its event loop, before it is dispatched: the request id
   * (stored on the request's context, echoed as {@code X-Request-Id}), the access-log record.
   */
  public void begin(HttpServerRequest req) {
    if (ids == null && access == null) {
      return; // only trusted proxies: resolved on demand
    }
    ContextInternal ctx = ObserveLocals.contextOf(req);
    CharSequence id = null;
    if (ids != null) {
      id = ids.idFor(req.getHeader(X_REQUEST_ID));
      ctx.putLocal(ObserveLocals.REQUEST_ID, ObserveLocals.PLAIN, id);
      req.response().headers().add(X_REQUEST_ID, id);
    }
    if (access != null) {
      ctx.putLocal(ObserveLocals.ACCESS, ObserveLocals.PLAIN, access.begin(req, id));
    }
  }

  /** The client address of {@code req} through these stages' trusted proxies. */
  String clientAddress(HttpServerRequest req) {
    return clients != null ? clients.resolve(req) : ProxiedClients.peer(req);
  }
}
