package io.vivace.server.impl;

import io.vertx.core.Vertx;

/**
 * The two Vert.x packages that {@link StrictRequestDecoder} (a subclass of Vert.x's HTTP/1.x
 * decoder), {@link HttpConnections} and {@link IdleCloser} reach and {@code io.vertx.core} does not
 * export: {@code io.vertx.core.http.impl} and {@code io.vertx.core.net.impl}. On the class path
 * every package is reachable; on the module path the launcher exports them to
 * {@code io.vivace.core} with {@code --add-exports}, and {@link #check()} says so before anything
 * starts instead of an {@link IllegalAccessError} on the first connection.
 */
public final class VertxInternals {
  static final String[] PACKAGES = {"io.vertx.core.http.impl", "io.vertx.core.net.impl"};

  private VertxInternals() {
  }

  /**
   * Checks that this module can reach the packages; called once at start, on the caller's thread.
   *
   * @throws IllegalStateException naming the missing {@code --add-exports} options
   */
  public static void check() {
    Module ours = VertxInternals.class.getModule();
    if (!ours.isNamed()) {
      return;
    }
    Module vertx = Vertx.class.getModule();
    StringBuilder missing = new StringBuilder();
    for (String p : PACKAGES) {
      if (!vertx.isExported(p, ours)) {
        missing.append(" --add-exports ").append(vertx.getName()).append('/').append(p).append('=').append(ours.getName());
      }
    }
    if (missing.length() > 0) {
      throw new IllegalStateException("on the module path Vivace's HTTP/1.1 decoder needs the java options"
          + missing + " (Vert.x does not export these packages)");
    }
  }
}
