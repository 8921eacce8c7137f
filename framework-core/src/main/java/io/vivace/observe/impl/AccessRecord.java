package io.vivace.observe.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.observe.Tracer;

/**
 * What the server keeps of one request from its head to its end, for the access log, the HTTP
 * meters and the trace span (any of them; with all off there is none): the request, when it arrived
 * ({@link System#nanoTime()}, read once for both), its id, its route template and that route's
 * meters. It is the response's end handler (on the router's path, one of the routing context's end
 * handlers), so the line is written and the request recorded once the response has ended or the
 * connection was closed; a second call does nothing. Confined to the request's event loop.
 */
final class AccessRecord implements Handler<Void> {
  /** The access log, or null when it is off. */
  final AccessLogWriter writer;
  /** The HTTP meters, or null when metrics are off. */
  final HttpServerMeters meters;
  final HttpServerRequest req;
  final long startNanos;
  final CharSequence id;
  /** The route template, or null while unknown (no route matched). */
  String route;
  /**
   * Whether the router took the request: then a null {@link #route} means no route matched there;
   * else a request answered before dispatch (a CORS preflight) is logged with its path as template
   * when a route has that exact path.
   */
  boolean routed;
  /** The matched route's meters for this request's method, or null while no route matched. */
  HttpServerMeters.Route meter;
  /** The request's trace span, or null when tracing is off. */
  Tracer.RequestSpan span;

  AccessRecord(AccessLogWriter writer, HttpServerMeters meters, HttpServerRequest req, long startNanos,
      CharSequence id, String route) {
    this.writer = writer;
    this.meters = meters;
    this.req = req;
    this.startNanos = startNanos;
    this.id = id;
    this.route = route;
  }

  private boolean written;
  /** Other end handlers of the response (the response has one slot, which this record holds). */
  private java.util.List<Handler<Void>> others;

  /** Calls {@code other} too when the response ends (after the line is written). */
  void alsoOnEnd(Handler<Void> other) {
    if (others == null) {
      others = new java.util.ArrayList<>(2);
    }
    others.add(other);
  }

  @Override
  public void handle(Void ended) {
    if (written) {
      return;
    }
    written = true;
    if (writer != null) {
      writer.write(this);
    }
    if (meters != null) {
      HttpServerResponse resp = req.response();
      HttpServerMeters.Route m = meter != null ? meter : meters.noRoute(req.method().name());
      m.record(resp.getStatusCode(), req.bytesRead(), bodyBytesWritten(req, resp), System.nanoTime() - startNanos);
      meters.end();
    }
    if (span != null) {
      span.end(req, route);
    }
    if (others != null) {
      for (Handler<Void> h : others) {
        h.handle(null);
      }
    }
  }

  /** The body bytes sent: none for HEAD (Vert.x counts the body it did not send). */
  static long bodyBytesWritten(HttpServerRequest req, HttpServerResponse resp) {
    return req.method() == HttpMethod.HEAD ? 0 : resp.bytesWritten();
  }
}
