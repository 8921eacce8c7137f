package io.vivace.route.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vivace.files.Download;
import io.vivace.files.impl.FileReply;
import io.vivace.json.Json;
import io.vivace.problem.ProblemException;
import io.vivace.problem.impl.ProblemResponses;
import io.vivace.response.Response;
import io.vivace.response.Streamed;
import io.vivace.response.impl.Bodies;
import io.vivace.websocket.impl.Upgrade;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.LoggerFactory;

/**
 * The one renderer of handler results, on every path (static, routed, blocking, asynchronous,
 * filtered): {@code Response} (status and headers), {@code String} (text/plain), {@code Future} and
 * {@code CompletionStage} (awaited, then written on the event loop), {@code Optional} or
 * {@code null} (404), {@code Buffer} (application/octet-stream, as is), {@code Streamed} (chunked), a WebSocket route's upgrade,
 * anything else as JSON ({@link Bodies} holds the body rules, shared with {@code Response.encoded}).
 * The order of the type tests puts the common cases first; there is no lookup by type beyond
 * DSL-JSON's writer for the value's class (a {@code ClassValue}).
 *
 * <p>Called on the event loop; asynchronous results are written back on it. {@code respond} and
 * {@code fail} never throw: whatever fails while a result is written (a value without a JSON
 * converter, a failed future) reaches the router's failure handler for routed requests,
 * {@link ProblemResponses} for the others, so the client always gets an answer (a 500 problem
 * with a request id for an unexpected failure).
 */
public final class Responder {
  public static final CharSequence APPLICATION_JSON = Bodies.APPLICATION_JSON;
  public static final CharSequence TEXT_PLAIN = Bodies.TEXT_PLAIN;
  public static final CharSequence OCTET_STREAM = Bodies.OCTET_STREAM;

  private Responder() {
  }

  /** Writes {@code result} as the response of a routed request, or fails {@code ctx} with its error. */
  public static void respond(RoutingContext ctx, Object result) {
    respond(ctx.request(), ctx, result);
  }

  /** Writes {@code result} as the response of a request served without the router. */
  public static void respond(HttpServerRequest req, Object result) {
    respond(req, null, result);
  }

  /** Answers a request served without the router with the problem for {@code failure}. */
  public static void fail(HttpServerRequest req, Throwable failure) {
    fail(req, null, failure);
  }

  /** Answers a routed request with the problem for {@code failure}, through the router's failure handler. */
  public static void fail(RoutingContext ctx, Throwable failure) {
    fail(ctx.request(), ctx, failure);
  }

  private static void respond(HttpServerRequest req, RoutingContext ctx, Object result) {
    try {
      render(req, ctx, result);
    } catch (Throwable t) {
      fail(req, ctx, t); // e.g. a value without a JSON converter
    }
  }

  private static void render(HttpServerRequest req, RoutingContext ctx, Object result) {
    if (result instanceof Response) {
      write(req.response(), (Response) result);
    } else if (result instanceof String) {
      end(req.response(), 200, TEXT_PLAIN, Buffer.buffer((String) result));
    } else if (result instanceof Future) {
      Context loop = Vertx.currentContext();
      ((Future<?>) result).onComplete(v -> onLoop(loop, req, ctx, v, null), t -> onLoop(loop, req, ctx, null, t));
    } else if (result instanceof CompletionStage) {
      Context loop = Vertx.currentContext();
      ((CompletionStage<?>) result).whenComplete((v, t) -> onLoop(loop, req, ctx, v, t));
    } else if (result instanceof Optional) {
      render(req, ctx, ((Optional<?>) result).orElse(null));
    } else if (result == null) {
      fail(req, ctx, ProblemException.notFound("No resource at " + req.path() + "."));
    } else if (result instanceof Buffer) {
      end(req.response(), 200, OCTET_STREAM, (Buffer) result);
    } else if (result instanceof Streamed) {
      stream(req, ctx, (Streamed) result);
    } else if (result instanceof Upgrade) {
      ((Upgrade) result).upgrade(req); // a WebSocket route: its extractors have run
    } else if (result instanceof FileReply) {
      sendFile(req, ctx, (FileReply) result);
    } else if (result instanceof Download) {
      sendFile(req, ctx, FileReply.of((Download) result));
    } else {
      end(req.response(), 200, APPLICATION_JSON, Json.encode(result));
    }
  }

  private static void stream(HttpServerRequest req, RoutingContext ctx, Streamed body) {
    HttpServerResponse resp = req.response();
    resp.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
    Future<Void> done;
    try {
      done = body.writeTo(resp);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onFailure(e -> {
      if (resp.headWritten()) {
        LoggerFactory.getLogger("io.vivace.errors").warn("{} {}: stream cut after it began", req.method(), req.path(), e);
        resp.reset();
      } else {
        fail(req, ctx, e);
      }
    });
  }

  /** A file (or part of it) by sendfile; a file gone by now is a 404, a failure once the head is out cuts the stream. */
  private static void sendFile(HttpServerRequest req, RoutingContext ctx, FileReply reply) {
    HttpServerResponse resp = req.response().setStatusCode(reply.status());
    CharSequence[] h = reply.headers();
    for (int i = 0; i < h.length; i += 2) {
      resp.headers().set(h[i], h[i + 1]);
    }
    if (req.method() == io.vertx.core.http.HttpMethod.HEAD && reply.length() != Long.MAX_VALUE) {
      resp.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(reply.length())).end(); // the head, as GET's
      return;
    }
    resp.sendFile(reply.file().toString(), reply.offset(), reply.length()).onFailure(e -> {
      if (resp.headWritten()) {
        LoggerFactory.getLogger("io.vivace.errors").warn("{} {}: file cut after it began", req.method(), req.path(), e);
        resp.reset();
      } else if (e instanceof java.io.FileNotFoundException || e instanceof java.nio.file.NoSuchFileException
          || e.getCause() instanceof java.nio.file.NoSuchFileException) {
        for (int i = 0; i < h.length; i += 2) {
          resp.headers().remove(h[i]);
        }
        fail(req, ctx, ProblemException.notFound("No resource at " + req.path() + "."));
      } else {
        fail(req, ctx, e);
      }
    });
  }

  /** Never throws: when even the problem cannot be written, the connection is cut so the client is not left waiting. */
  private static void fail(HttpServerRequest req, RoutingContext ctx, Throwable failure) {
    try {
      if (ctx != null) {
        ctx.fail(failure);
      } else {
        ProblemResponses.send(req, failure, 500, null);
      }
    } catch (Error e) {
      throw e; // fatal: io.vivace.impl.Fatal ends the process
    } catch (Throwable t) {
      LoggerFactory.getLogger("io.vivace.errors").error("{} {}: the problem response failed", req.method(), req.path(), t);
      if (!req.response().ended()) {
        req.response().reset();
      }
    }
  }

  /**
   * Continues on the request's event loop: a future completed by another thread (a promise made
   * off any context) would otherwise run this callback there, and responses are written on the
   * connection's event loop only (strict thread mode). Never throws (a {@code CompletionStage}
   * would swallow it, and the client would wait).
   */
  private static void onLoop(Context loop, HttpServerRequest req, RoutingContext ctx, Object value, Throwable failure) {
    try {
      if (loop != null && Vertx.currentContext() != loop) {
        loop.runOnContext(x -> onLoop(loop, req, ctx, value, failure));
      } else if (req.response().closed() || req.response().ended()) {
        return; // the client went away while the result was pending, or a timeout answered
      } else if (failure != null) {
        fail(req, ctx, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      } else {
        respond(req, ctx, value);
      }
    } catch (Throwable t) {
      fail(req, ctx, t);
    }
  }

  private static void write(HttpServerResponse resp, Response r) {
    Object body = r.body();
    if (body != null && !(body instanceof Buffer) && !(body instanceof String)) {
      body = Json.encode(body); // before any header is set: a failure here becomes a clean 500
    }
    for (int i = 0, n = r.headerCount(); i < n; i++) {
      resp.headers().add(r.headerName(i), r.headerValue(i));
    }
    int status = r.statusCode();
    if (body == null) {
      ProblemResponses.statusLine(resp, status);
      resp.end();
    } else if (body instanceof String) {
      end(resp, status, r.contentType() != null ? r.contentType() : TEXT_PLAIN, Buffer.buffer((String) body));
    } else if (r.body() instanceof Buffer) {
      resp.headers().add(HttpHeaders.CONTENT_LENGTH, r.contentLength());
      end(resp, status, r.contentType() != null ? r.contentType() : OCTET_STREAM, (Buffer) body);
    } else {
      end(resp, status, r.contentType() != null ? r.contentType() : APPLICATION_JSON, (Buffer) body);
    }
  }

  private static void end(HttpServerResponse resp, int status, CharSequence contentType, Buffer body) {
    if (status != 200) {
      ProblemResponses.statusLine(resp, status);
    }
    resp.headers().add(HttpHeaders.CONTENT_TYPE, contentType);
    resp.end(body);
  }
}
