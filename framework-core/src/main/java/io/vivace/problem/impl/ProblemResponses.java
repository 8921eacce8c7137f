package io.vivace.problem.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.handler.HttpException;
import io.vivace.json.Json;
import io.vivace.observe.RequestIds;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into an RFC 9457 problem response: {@link ProblemException}s with their own
 * status, a module's failures through its {@link io.vivace.problem.ProblemMapper}, client errors
 * from Vert.x Web with theirs, anything else as a 500 whose body holds only a request id while the
 * log holds the stack trace with the same id. Every problem carries the request's id
 * ({@link RequestIds}) as {@code request_id} when request ids are on; when they are off, a 500
 * still gets an id of its own. A problem's cause is logged (WARN for a 5xx, INFO for
 * a 4xx); every 503 carries {@code Retry-After} (the problem's own, else
 * {@link ProblemException#DEFAULT_RETRY_AFTER_SECONDS}). Shared by the router's error handler and
 * the routes served without the router. An {@link Error} is not rendered: it ends the process
 * ({@link io.vivace.impl.Fatal}). Called on the event loop.
 */
public final class ProblemResponses {
  private static final Logger LOG = LoggerFactory.getLogger("io.vivace.errors");
  private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.CONTENT_TYPE);
  /** Every module's mapper of its own failures, found once (again per version under a reloading host). */
  private static volatile io.vivace.problem.ProblemMapper[] mappers = mappersOf(ProblemResponses.class.getClassLoader());
  private static final String RETRY_AFTER = "Retry-After";
  private static final String DEFAULT_RETRY_AFTER = Integer.toString(ProblemException.DEFAULT_RETRY_AFTER_SECONDS);

  private ProblemResponses() {
  }

  /**
   * Finds the mappers again through {@code loader}: for a host that reloads the app with a new class
   * loader per version ({@link io.vivace.impl.Hosted}), so the app's own mappers are found.
   */
  public static void useLoader(ClassLoader loader) {
    mappers = mappersOf(loader);
  }

  private static io.vivace.problem.ProblemMapper[] mappersOf(ClassLoader loader) {
    return java.util.ServiceLoader.load(io.vivace.problem.ProblemMapper.class, loader).stream()
        .map(java.util.ServiceLoader.Provider::get).toArray(io.vivace.problem.ProblemMapper[]::new);
  }

  /**
   * Sends the problem for {@code failure} (or, when it is null, for {@code status}).
   *
   * @param allow the {@code Allow} header of a 405, or null
   */
  public static void send(HttpServerRequest req, Throwable failure, int status, String allow) {
    io.vivace.impl.Fatal.check(failure); // an Error (out of memory...) ends the process
    if (req.response().closed()) {
      return; // the client is gone (it closed, or the connection was cut): no one to answer
    }
    Problem problem;
    java.util.Map<String, String> headers = java.util.Map.of();
    if (failure != null && !(failure instanceof ProblemException)) {
      failure = mapped(failure);
    }
    if (failure instanceof ProblemException) {
      problem = ((ProblemException) failure).problem();
      headers = ((ProblemException) failure).headers();
      Throwable cause = failure.getCause();
      if (cause != null) {
        if (problem.status() >= 500) {
          LOG.warn("{} {} answered {}: {}", req.method(), req.path(), problem.status(), cause.toString());
        } else if (LOG.isInfoEnabled()) {
          LOG.info("{} {} answered {}: {}", req.method(), req.path(), problem.status(), cause.toString());
        }
      }
    } else if (failure instanceof HttpException && ((HttpException) failure).getStatusCode() < 500) {
      int code = ((HttpException) failure).getStatusCode();
      problem = Problem.of(code, detail(code, req));
    } else if (failure == null && status >= 400 && status < 500) {
      problem = Problem.of(status, detail(status, req));
    } else {
      String id = RequestIds.of(req);
      if (id == null) { // request ids are off: one for this failure only
        id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        req.response().headers().set(RequestIds.HEADER, id);
      }
      LOG.error("{} {} failed [request_id={}]", req.method(), req.path(), id,
          failure != null ? failure : new IllegalStateException("status " + status));
      problem = Problem.of(500, "The server could not complete the request. Quote the request_id when reporting it.")
          .withRequestId(id);
    }
    if (problem.requestId() == null) {
      String id = RequestIds.of(req);
      if (id != null) {
        problem = problem.withRequestId(id);
      }
    }
    HttpServerResponse resp = req.response();
    if (resp.headWritten()) {
      resp.reset(); // too late for a problem body: cut the connection rather than send a broken one
      return;
    }
    if (resp.closed()) {
      return;
    }
    if (problem.status() == 405 && allow != null) {
      resp.headers().set(HttpHeaders.ALLOW, allow);
    }
    if (!headers.isEmpty()) {
      headers.forEach(resp.headers()::set);
    }
    if (problem.status() == 503 && !headers.containsKey(RETRY_AFTER)) {
      resp.headers().set(RETRY_AFTER, DEFAULT_RETRY_AFTER);
    }
    statusLine(resp, problem.status());
    resp.headers().set(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
    resp.end(Json.encode(problem.withInstance(req.path())));
  }

  /**
   * The first mapper's problem for {@code failure}, or {@code failure} when none knows it. A mapper
   * that throws is skipped (and logged): the failure still gets its answer.
   */
  static Throwable mapped(Throwable failure) {
    for (io.vivace.problem.ProblemMapper m : mappers) {
      ProblemException p;
      try {
        p = m.toProblem(failure);
      } catch (RuntimeException e) {
        LOG.warn("{} failed on {}", m.getClass().getName(), failure.toString(), e);
        continue;
      }
      if (p != null) {
        return p;
      }
    }
    return failure;
  }

  /**
   * Sets the status and, where RFC 9110 renamed it, its reason phrase: 413 "Content Too Large" and
   * 422 "Unprocessable Content" (Netty still says "Request Entity Too Large", "Unprocessable Entity").
   */
  public static void statusLine(HttpServerResponse resp, int status) {
    resp.setStatusCode(status);
    if (status == 413 || status == 422) {
      resp.setStatusMessage(Problem.reason(status));
    }
  }

  private static String detail(int code, HttpServerRequest req) {
    switch (code) {
      case 404:
        return "No route for " + req.path() + ".";
      case 405:
        return "The method " + req.method() + " is not allowed for " + req.path() + ".";
      case 413:
        return "The request body is larger than this server accepts.";
      default:
        return Problem.reason(code) + ".";
    }
  }
}
