package io.vivace.server.impl;

import io.vertx.core.http.HttpMethod;
import io.vivace.route.RouteDef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the {@code Allow} header of a 405 (RFC 9110 section 15.5.6): the methods of every route
 * whose pattern matches the path. Runs only on that error path. Immutable and thread-safe.
 */
final class AllowedMethods {
  private final List<RouteDef> routes;

  AllowedMethods(List<RouteDef> routes) {
    this.routes = List.copyOf(routes);
  }

  String allowHeader(String path) {
    Set<String> methods = new LinkedHashSet<>();
    for (RouteDef r : routes) {
      if (matches(r.path(), path)) {
        methods.add(r.method().name());
        if (r.method() == HttpMethod.GET) {
          methods.add("HEAD");
        }
      }
    }
    return String.join(", ", methods);
  }

  /** Vert.x Web pattern match: {@code :name} takes one segment, a trailing {@code *} the rest. */
  static boolean matches(String pattern, String path) {
    String[] p = pattern.split("/", -1);
    String[] s = path.split("/", -1);
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("*") && i == p.length - 1) {
        return true;
      }
      if (i >= s.length) {
        return false;
      }
      if (p[i].startsWith(":")) {
        if (s[i].isEmpty()) {
          return false;
        }
      } else if (!p[i].equals(s[i])) {
        return false;
      }
    }
    return p.length == s.length;
  }
}
