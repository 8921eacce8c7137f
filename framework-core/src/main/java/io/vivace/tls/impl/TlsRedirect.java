package io.vivace.tls.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.concurrent.TimeUnit;

/**
 * The plain-HTTP port that sends clients to HTTPS: every request gets {@code 308 Permanent
 * Redirect} (RFC 9110 §15.4.9, the method and body kept) to {@code https://} + the request's host +
 * the TLS port (left out when 443) + the request's path and query, and {@code Connection: close}. A
 * request without a host is answered 400. Not on the hot path (one string per request is fine here).
 */
public final class TlsRedirect {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private HttpServer server;

  /** @param port the redirecting port; {@code host} the interface it binds */
  public TlsRedirect(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
  }

  /** Listens; completes with the bound port. {@code tlsPort} is where the redirects point. */
  public Future<Integer> start(int tlsPort) {
    server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(req -> redirect(req, tlsPort));
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  private static void redirect(HttpServerRequest req, int tlsPort) {
    HostAndPort authority = req.authority();
    req.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    if (authority == null || authority.host() == null || authority.host().isEmpty()) {
      req.response().setStatusCode(400).end();
      return;
    }
    String h = authority.host();
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]"; // an IPv6 literal
    }
    String path = req.uri().startsWith("/") ? req.uri() : req.path() + (req.query() == null ? "" : "?" + req.query());
    req.response().setStatusCode(308)
        .putHeader(HttpHeaders.LOCATION, "https://" + h + (tlsPort == 443 ? "" : ":" + tlsPort) + path).end();
  }

  /** Closes the port. */
  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
