package io.vivace.route.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vivace.json.Json;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Writes a handler's result. The order of the type tests puts the common cases first; there is no
 * lookup by type beyond DSL-JSON's writer for the value's class (a {@code ClassValue}). Called on
 * the event loop; asynchronous results are written back on it.
 */
public final class Responder {
  public static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  public static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  public static final CharSequence OCTET_STREAM = HttpHeaders.createOptimized("application/octet-stream");

  private Responder() {
  }

  /** Writes {@code result} as the response of {@code ctx}, or fails {@code ctx} with its error. */
  public static void respond(RoutingContext ctx, Object result) {
    if (result instanceof Response) {
      write(ctx, (Response) result);
    } else if (result instanceof String) {
      end(ctx.response(), 200, TEXT_PLAIN, Buffer.buffer((String) result));
    } else if (result instanceof Future) {
      ((Future<?>) result).onComplete(v -> respond(ctx, v), ctx::fail);
    } else if (result instanceof CompletionStage) {
      Future.fromCompletionStage((CompletionStage<?>) result, ctx.vertx().getOrCreateContext())
          .onComplete(v -> respond(ctx, v), ctx::fail);
    } else if (result instanceof Optional) {
      respond(ctx, ((Optional<?>) result).orElse(null));
    } else if (result == null) {
      ctx.fail(ProblemException.notFound("No resource at " + ctx.request().path() + "."));
    } else if (result instanceof Buffer) {
      end(ctx.response(), 200, OCTET_STREAM, (Buffer) result);
    } else {
      end(ctx.response(), 200, APPLICATION_JSON, Json.encode(result));
    }
  }

  private static void write(RoutingContext ctx, Response r) {
    HttpServerResponse resp = ctx.response();
    for (int i = 0, n = r.headerCount(); i < n; i++) {
      resp.headers().add(r.headerName(i), r.headerValue(i));
    }
    Object body = r.body();
    int status = r.statusCode();
    if (body == null) {
      if (resp.closed()) {
        return;
      }
      resp.setStatusCode(status).end();
    } else if (body instanceof Buffer) {
      end(resp, status, r.contentType() != null ? r.contentType() : OCTET_STREAM, (Buffer) body);
    } else if (body instanceof String) {
      end(resp, status, r.contentType() != null ? r.contentType() : TEXT_PLAIN, Buffer.buffer((String) body));
    } else {
      end(resp, status, r.contentType() != null ? r.contentType() : APPLICATION_JSON, Json.encode(body));
    }
  }

  private static void end(HttpServerResponse resp, int status, CharSequence contentType, Buffer body) {
    if (resp.closed()) {
      return; // the client went away while an asynchronous result was pending
    }
    if (status != 200) {
      resp.setStatusCode(status);
    }
    resp.headers().add(HttpHeaders.CONTENT_TYPE, contentType);
    resp.end(body);
  }
}
