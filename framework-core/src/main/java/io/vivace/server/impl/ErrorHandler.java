package io.vivace.server.impl;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vivace.problem.impl.ProblemResponses;

/**
 * The router's failure handler and its 404/405/413 error handler: the one place where routed
 * failures become RFC 9457 problems (rendered by {@link ProblemResponses}); a 405 gets its
 * {@code Allow} header. Called on the event loop.
 */
final class ErrorHandler implements Handler<RoutingContext> {
  private final AllowedMethods allowed;

  ErrorHandler(AllowedMethods allowed) {
    this.allowed = allowed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    int status = ctx.statusCode();
    String allow = status == 405 ? allowed.allowHeader(ctx.request().path()) : null;
    ProblemResponses.send(ctx.request(), ctx.failure(), status, allow);
  }
}
