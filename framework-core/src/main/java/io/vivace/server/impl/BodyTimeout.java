package io.vivace.server.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vivace.problem.ProblemException;

/**
 * Bounds the time a request body may take to arrive ({@code VIVACE_BODY_TIMEOUT}): runs before the
 * body handler of routes that read a body; when the body has not ended after the bound, the
 * request fails with 408 (RFC 9110 §15.5.9) carrying {@code Connection: close}, and the
 * connection is closed. One timer per request with a body; called on the event loop.
 */
final class BodyTimeout implements io.vertx.ext.web.handler.PlatformHandler {
  private final long timeoutMs;

  BodyTimeout(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (!req.isEnded()) {
      long timer = ctx.vertx().setTimer(timeoutMs, id -> expire(ctx));
      ctx.addEndHandler(ignored -> ctx.vertx().cancelTimer(timer));
    }
    ctx.next();
  }

  private static void expire(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (req.isEnded() || ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    if (!ctx.failed()) {
      ctx.fail(ProblemException.of(408, "The request body did not arrive in time."));
    }
    req.connection().close();
  }
}
