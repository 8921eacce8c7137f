package io.vivace.observe.impl;

import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.Router;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.Tracer;
import java.security.SecureRandom;

/**
 * The server-level stages of one event loop, composed once at start from {@link ObserveOptions},
 * the app's {@link HttpServerMeters} and its {@link Tracer}: the request id, the access log, the
 * HTTP meters, the trace span and the client address behind trusted proxies. The access log, the
 * meters and the span share one end record per request ({@link AccessRecord}) and one end hook. Every request
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
  private final HttpServerMeters meters;
  private final Tracer tracer;

  private ObserveStages(RequestIdSource ids, AccessLogWriter access, ProxiedClients clients, HttpServerMeters meters,
      Tracer tracer) {
    this.ids = ids;
    this.access = access;
    this.clients = clients;
    this.meters = meters;
    this.tracer = tracer;
  }

  /**
   * The stages of the calling verticle's event loop, bound to its context (so
   * {@link io.vivace.observe.ClientAddress} finds them) and, when the access log or the metrics
   * are on, hooked first into {@code router} to join the routing context's end handlers; null when every stage is off. Called
   * in the verticle's {@code start}, on its event loop.
   *
   * @param meters the app's HTTP meters, or null when metrics are off
   * @param tracer the app's tracer, or null when tracing is off
   */
  public static ObserveStages start(ObserveOptions options, Context verticleContext, Router router,
      java.util.List<io.vivace.route.RouteDef> routes, HttpServerMeters meters, Tracer tracer) {
    ProxiedClients clients = options.trustedProxies().isEmpty() ? null
        : new ProxiedClients(Cidrs.of(options.trustedProxies()));
    RequestIdSource ids = options.requestId() ? new RequestIdSource(new SecureRandom()) : null;
    AccessLogWriter access = options.accessLog() == ObserveOptions.AccessLog.OFF ? null
        : new AccessLogWriter(options.accessLog() == ObserveOptions.AccessLog.JSON, clients, exactPaths(routes),
            LineSink.of(AccessLogWriter.LOGGER), verticleContext.owner());
    if (ids == null && access == null && clients == null && meters == null && tracer == null) {
      return null;
    }
    ObserveStages stages = new ObserveStages(ids, access, clients, meters, tracer);
    ((ContextInternal) verticleContext).unwrap().putLocal(ObserveLocals.STAGES, ObserveLocals.PLAIN, stages);
    if (access != null || meters != null || tracer != null) {
      router.route().order(Integer.MIN_VALUE).handler(ctx -> {
        AccessRecord r = record(ctx);
        if (r != null) {
          r.route = null; // unknown until a route matches here (routeTemplate)
          r.routed = true; // no exact-path template for the access log: the router decides
          r.meter = null;
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
   * The first handler of a routed route when the access log or the metrics are on: records
   * {@code template} as the request's route template and its meters as the request's, then goes
   * on. Called on the event loop.
   *
   * @param meter the route's meters for its declared method, or null when metrics are off
   * @param headMeter the route's meters for HEAD (a GET route answers HEAD too), or null
   */
  public static Handler<RoutingContext> routeTemplate(String template, HttpServerMeters.Route meter,
      HttpServerMeters.Route headMeter) {
    return new RouteTemplate(template, meter, headMeter);
  }

  /**
   * Records {@code template} as the route of {@code req}, served from the static table (its path is
   * its template), and {@code meter} as its meters. Called on the request's event loop, metrics or
   * tracing on.
   *
   * @param meter the route's meters for the request's method, or null when metrics are off
   */
  public static void matched(HttpServerRequest req, String template, HttpServerMeters.Route meter) {
    AccessRecord r = ObserveLocals.contextOf(req).getLocal(ObserveLocals.ACCESS, ObserveLocals.PLAIN);
    if (r != null) {
      r.route = template;
      r.meter = meter;
    }
  }

  /** A platform handler: Vert.x Web runs it before body and user handlers. */
  private static final class RouteTemplate implements PlatformHandler {
    private final String template;
    private final HttpServerMeters.Route meter;
    private final HttpServerMeters.Route headMeter;

    RouteTemplate(String template, HttpServerMeters.Route meter, HttpServerMeters.Route headMeter) {
      this.template = template;
      this.meter = meter;
      this.headMeter = headMeter;
    }

    @Override
    public void handle(RoutingContext ctx) {
      AccessRecord r = record(ctx);
      if (r != null) {
        r.route = template;
        r.meter = ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD ? headMeter : meter;
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
   * (stored on the request's context, echoed as {@code X-Request-Id}), the end record of the
   * access log, the meters (the active-requests gauge goes up; the record takes it down) and the
   * trace span (begun here, stored on the request's context, ended by the record).
   */
  public void begin(HttpServerRequest req) {
    if (ids == null && access == null && meters == null && tracer == null) {
      return; // only trusted proxies: resolved on demand
    }
    ContextInternal ctx = ObserveLocals.contextOf(req);
    CharSequence id = null;
    if (ids != null) {
      id = ids.idFor(req.getHeader(X_REQUEST_ID));
      ctx.putLocal(ObserveLocals.REQUEST_ID, ObserveLocals.PLAIN, id);
      req.response().headers().add(X_REQUEST_ID, id);
    }
    if (access != null || meters != null || tracer != null) {
      AccessRecord r = new AccessRecord(access, meters, req, System.nanoTime(), id, null);
      if (tracer != null) {
        Tracer.RequestSpan span = tracer.server(req);
        r.span = span;
        ctx.putLocal(ObserveLocals.SPAN, ObserveLocals.PLAIN, span);
      }
      req.response().endHandler(r);
      ctx.putLocal(ObserveLocals.ACCESS, ObserveLocals.PLAIN, r);
      if (meters != null) {
        meters.begin();
      }
    }
  }

  /**
   * Hands the access-log lines this loop still holds to the log's writer; called on this loop when
   * its server has stopped, so no line of a served request is lost at shutdown.
   */
  public void flush() {
    if (access != null) {
      access.flush();
    }
  }

  /** The client address of {@code req} through these stages' trusted proxies. */
  String clientAddress(HttpServerRequest req) {
    return clients != null ? clients.resolve(req) : ProxiedClients.peer(req);
  }
}
