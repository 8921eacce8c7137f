package io.vivace.server.impl;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.json.Json;
import io.vivace.problem.Problem;

/**
 * The server's invalid-request handler: a request whose head could not be decoded, or that the
 * {@link StrictRequestDecoder} rejected, gets an RFC 9457 problem (414 for a long request line,
 * 431 for large headers, else 400 with the reason) and {@code Connection: close}; Vert.x then
 * closes the connection, since what follows such a head cannot be trusted to start a request.
 * Nothing the client sent (its path, its version token) is echoed. Called on the event loop.
 */
final class InvalidRequests {
  private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.CONTENT_TYPE);

  private InvalidRequests() {
  }

  static void handle(HttpServerRequest req) {
    DecoderResult result = req.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    Problem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = Problem.of(414, "The request line is longer than this server accepts.");
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = Problem.of(431, "The request headers are larger than this server accepts.");
    } else if (cause instanceof StrictRequestDecoder.Rejected) {
      problem = Problem.of(400, cause.getMessage());
    } else if (cause instanceof TooLongFrameException) {
      problem = Problem.of(400, "A part of the request is longer than this server accepts.");
    } else {
      problem = Problem.of(400, "The request is not valid HTTP/1.1.");
    }
    HttpServerResponse resp = req.response();
    resp.setStatusCode(problem.status());
    resp.headers().set(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON).set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    resp.end(Json.encode(problem));
    req.connection().close();
  }
}
