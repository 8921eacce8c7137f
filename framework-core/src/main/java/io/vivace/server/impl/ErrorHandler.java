package io.vivace.server.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vivace.json.Json;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 problem responses: {@link ProblemException}s
 * (extractors, handlers) with their own status; Vert.x Web's 404, 405 (with {@code Allow}) and 413;
 * anything else as a 500 whose body holds only a request id, while the log holds the stack trace
 * with the same id. Called on the event loop.
 */
final class ErrorHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
  static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.CONTENT_TYPE);
  private static final String REQUEST_ID = "X-Request-Id";

  private final AllowedMethods allowed;

  ErrorHandler(AllowedMethods allowed) {
    this.allowed = allowed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int code = ctx.statusCode();
    Problem problem;
    if (failure instanceof ProblemException) {
      problem = ((ProblemException) failure).problem();
    } else if (failure instanceof HttpException && ((HttpException) failure).getStatusCode() < 500) {
      problem = Problem.of(((HttpException) failure).getStatusCode(), detail(((HttpException) failure).getStatusCode(), ctx));
    } else if (failure == null && code >= 400 && code < 500) {
      problem = Problem.of(code, detail(code, ctx));
    } else {
      String id = requestId(ctx.request());
      LOG.error("{} {} failed [request_id={}]", ctx.request().method(), ctx.request().path(), id,
          failure != null ? failure : new IllegalStateException("status " + code));
      ctx.response().headers().set(REQUEST_ID, id);
      problem = Problem.of(500, "The server could not complete the request. Quote the request_id when reporting it.")
          .withRequestId(id);
    }
    send(ctx, problem);
  }

  private String detail(int code, RoutingContext ctx) {
    switch (code) {
      case 404:
        return "No route for " + ctx.request().path() + ".";
      case 405:
        return "The method " + ctx.request().method() + " is not allowed for " + ctx.request().path() + ".";
      case 413:
        return "The request body is larger than this server accepts.";
      default:
        return Problem.reason(code) + ".";
    }
  }

  private void send(RoutingContext ctx, Problem problem) {
    HttpServerResponse resp = ctx.response();
    if (resp.headWritten()) {
      resp.reset(); // too late for a problem body: cut the connection rather than send a broken one
      return;
    }
    if (resp.closed()) {
      return;
    }
    if (problem.status() == 405) {
      resp.headers().set(HttpHeaders.ALLOW, allowed.allowHeader(ctx.request().path()));
    }
    HttpServerRequest req = ctx.request();
    resp.setStatusCode(problem.status());
    resp.headers().set(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
    resp.end(Json.encode(problem.withInstance(req.path())));
  }

  /** The client's X-Request-Id when it is short and plain, else a new random one. */
  static String requestId(HttpServerRequest req) {
    String given = req.getHeader(REQUEST_ID);
    if (given != null && given.length() <= 64 && !given.isEmpty()) {
      boolean plain = true;
      for (int i = 0; i < given.length() && plain; i++) {
        char c = given.charAt(i);
        plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      }
      if (plain) {
        return given;
      }
    }
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
