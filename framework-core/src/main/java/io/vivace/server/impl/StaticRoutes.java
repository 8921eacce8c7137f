package io.vivace.server.impl;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.route.RouteDef;
import io.vivace.route.impl.Endpoints;
import io.vivace.route.impl.Responder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes an event loop serves without the router: an exact path (no {@code :param}, no
 * {@code *}), no extractors or only {@link io.vivace.extract.RequestExtractor}s, not blocking. Such a request needs nothing the router provides, so it
 * is matched by one hash lookup of its path and answered directly. Every other request, including
 * one whose path only matches after normalisation, goes to the router, so 404s, 405s and
 * everything else behave exactly as for routed requests. Confined to its event loop.
 */
final class StaticRoutes {
  private static final class Entry {
    final HttpMethod method;
    final Endpoints.Direct handler;

    Entry(HttpMethod method, Endpoints.Direct handler) {
      this.method = method;
      this.handler = handler;
    }

    boolean accepts(HttpMethod m) {
      return m == method || (m == HttpMethod.HEAD && method == HttpMethod.GET);
    }
  }

  private final Map<String, Entry[]> byPath;

  private StaticRoutes(Map<String, Entry[]> byPath) {
    this.byPath = byPath;
  }

  /** The static routes among {@code routes}, or null when there are none. */
  static StaticRoutes of(List<RouteDef> routes) {
    Map<String, Entry[]> byPath = new HashMap<>();
    for (RouteDef def : routes) {
      if (def.path().indexOf(':') >= 0 || def.path().indexOf('*') >= 0) {
        continue;
      }
      // An exact route that needs the router (extractors, blocking) still claims its method and
      // path: a null handler sends the request to the router, where that route wins.
      Endpoints.Direct handler = def.isBlocking() ? null : Endpoints.direct(def.endpoint());
      Entry[] old = byPath.getOrDefault(def.path(), new Entry[0]);
      if (shadowed(old, def.method())) {
        continue; // an earlier route for the same method and path wins, as in the router
      }
      Entry[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = new Entry(def.method(), handler);
      byPath.put(def.path(), grown);
    }
    byPath.values().removeIf(entries -> java.util.Arrays.stream(entries).allMatch(e -> e.handler == null));
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
   * nothing) otherwise. Called on the event loop.
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
        Object result;
        try {
          result = e.handler.handle(req);
        } catch (Throwable t) {
          Responder.fail(req, t);
          return true;
        }
        Responder.respond(req, result);
        return true;
      }
    }
    return false;
  }
}
