package io.vivace.server.impl;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.observe.impl.ObserveStages;
import io.vivace.route.PathPatterns;
import io.vivace.route.RouteDef;
import io.vivace.route.impl.Direct;
import io.vivace.route.impl.Pipeline;
import io.vivace.route.impl.Responder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes an event loop serves without the router: an exact path (no {@code :param}, no
 * {@code *}), only {@link io.vivace.extract.RequestExtractor}s and request-only guards (query,
 * header, cookie, page, bearer token; no body), not blocking, and no earlier route for the same
 * method whose pattern could match the path ({@link PathPatterns#shadowedBy}). Such a request needs
 * nothing the router provides, so it is matched by one hash lookup of its path and answered
 * directly, without a {@code RoutingContext}, through the same composed chain (filters, guards,
 * timeout) and the same renderer. Every other request, including one whose path only matches
 * after normalisation, goes to the router, so 404s, 405s and everything else behave exactly as for
 * routed requests. Confined to its event loop.
 */
final class StaticRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(StaticRoutes.class);

  private static final class Entry {
    final HttpMethod method;
    final Direct handler;
    /** The route's template (its exact path), recorded per request when tagged; null when not. */
    final String template;
    /** The route's meters for its method and for HEAD; null when metrics are off. */
    final HttpServerMeters.Route meter;
    final HttpServerMeters.Route headMeter;

    Entry(HttpMethod method, Direct handler, String template, HttpServerMeters.Route meter,
        HttpServerMeters.Route headMeter) {
      this.method = method;
      this.handler = handler;
      this.template = template;
      this.meter = meter;
      this.headMeter = headMeter;
    }

    boolean accepts(HttpMethod m) {
      return m == method || (m == HttpMethod.HEAD && method == HttpMethod.GET);
    }
  }

  private final Map<String, Entry[]> byPath;

  private StaticRoutes(Map<String, Entry[]> byPath) {
    this.byPath = byPath;
  }

  /** Why each route is or is not served from the static table, one line per route, in declaration order. */
  static List<String> plan(List<RouteDef> routes) {
    List<String> methods = new ArrayList<>(routes.size());
    List<String> paths = new ArrayList<>(routes.size());
    for (RouteDef d : routes) {
      methods.add(mountOrMethod(d)); // file mounts are routed after everything: they hide nothing
      paths.add(d.path());
    }
    List<String> lines = new ArrayList<>(routes.size());
    for (int i = 0; i < routes.size(); i++) {
      RouteDef d = routes.get(i);
      String why;
      int by = PathPatterns.isExact(d.path()) ? PathPatterns.shadowedBy(methods, paths, i) : -1;
      if (!PathPatterns.isExact(d.path())) {
        why = "router: a pattern";
      } else if (by >= 0) {
        why = "router: the earlier " + routes.get(by) + " could match it";
      } else if (Pipeline.direct(d) == null) {
        why = d.isBlocking() ? "router: blocking" : "router: an extractor or guard needs the routing context";
      } else {
        why = "static";
      }
      lines.add(d + " -> " + why);
    }
    return lines;
  }

  /** Logs {@link #plan} at DEBUG (once per app, when it starts). */
  static void logPlan(List<RouteDef> routes) {
    if (LOG.isDebugEnabled()) {
      for (String line : plan(routes)) {
        LOG.debug("route {}", line);
      }
    }
  }

  /** {@link #of(List, HttpServerMeters, boolean)} without tracing. */
  static StaticRoutes of(List<RouteDef> routes, HttpServerMeters meters) {
    return of(routes, meters, false);
  }

  /**
   * The static routes among {@code routes}, or null when there are none.
   *
   * @param meters the app's HTTP meters (each route's looked up here, once), or null when metrics are off
   * @param traced whether tracing is on (the request's route template is then recorded for its span)
   */
  static StaticRoutes of(List<RouteDef> routes, HttpServerMeters meters, boolean traced) {
    List<String> methods = new ArrayList<>(routes.size());
    List<String> paths = new ArrayList<>(routes.size());
    for (RouteDef d : routes) {
      methods.add(mountOrMethod(d)); // file mounts are routed after everything: they hide nothing
      paths.add(d.path());
    }
    Map<String, Entry[]> byPath = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      RouteDef def = routes.get(i);
      if (!PathPatterns.isExact(def.path())) {
        continue;
      }
      // An exact route that needs the router (a body, blocking, a pattern before it that could
      // match) still claims its method and path: a null handler sends the request to the router,
      // where precedence is the router's.
      Direct handler = PathPatterns.shadowedBy(methods, paths, i) >= 0 ? null : Pipeline.direct(def);
      Entry[] old = byPath.getOrDefault(def.path(), new Entry[0]);
      if (shadowed(old, def.method())) {
        continue; // an earlier route for the same method and path wins, as in the router
      }
      Entry[] grown = Arrays.copyOf(old, old.length + 1);
      HttpServerMeters.Route meter = handler == null || meters == null ? null
          : meters.route(def.method().name(), def.path());
      HttpServerMeters.Route headMeter = handler == null || meters == null ? null
          : meters.route(HttpMethod.HEAD.name(), def.path());
      String template = handler != null && (meters != null || traced) ? def.path() : null;
      grown[old.length] = new Entry(def.method(), handler, template, meter, headMeter);
      byPath.put(def.path(), grown);
    }
    byPath.values().removeIf(entries -> Arrays.stream(entries).allMatch(e -> e.handler == null));
    return byPath.isEmpty() ? null : new StaticRoutes(byPath);
  }

  private static boolean shadowed(Entry[] entries, HttpMethod method) {
    for (Entry e : entries) {
      if (e.method == method) {
        return true;
      }
    }
    return false;
  }

  /**
   * Answers {@code req} if it is for a static route and returns true; returns false (having done
   * nothing) otherwise. Called on the event loop; never throws.
   */
  boolean handle(HttpServerRequest req) {
    Entry[] entries = byPath.get(req.path());
    if (entries == null) {
      return false;
    }
    HttpMethod method = req.method();
    for (Entry e : entries) {
      if (e.accepts(method)) {
        if (e.handler == null) {
          return false;
        }
        if (e.template != null) {
          ObserveStages.matched(req, e.template, method == HttpMethod.HEAD ? e.headMeter : e.meter);
        }
        Object result;
        try {
          result = e.handler.handle(req);
        } catch (Throwable t) {
          Responder.fail(req, t);
          return true;
        }
        Responder.respond(req, result); // never throws
        return true;
      }
    }
    return false;
  }

  /** The route's method, or a name no method has for a file mount ({@code app.files}), which the router tries last. */
  private static String mountOrMethod(RouteDef d) {
    return d.endpoint() instanceof io.vivace.files.impl.FileServer ? "(files)" : d.method().name();
  }
}
