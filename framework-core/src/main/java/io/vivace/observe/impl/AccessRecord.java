package io.vivace.observe.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the access log keeps of one request from its head to its end: the request, when it arrived
 * ({@link System#nanoTime()}), its id and its route template. It is the response's end handler
 * (on the router's path, one of the routing context's end handlers), so the line is written once
 * the response has ended or the connection was closed; a second call does nothing. Confined to the
 * request's event loop.
 */
final class AccessRecord implements Handler<Void> {
  final AccessLogWriter writer;
  final HttpServerRequest req;
  final long startNanos;
  final CharSequence id;
  /** The route template, or null while unknown (no route matched). */
  String route;

  AccessRecord(AccessLogWriter writer, HttpServerRequest req, long startNanos, CharSequence id, String route) {
    this.writer = writer;
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
    writer.write(this);
    if (others != null) {
      for (Handler<Void> h : others) {
        h.handle(null);
      }
    }
  }
}
