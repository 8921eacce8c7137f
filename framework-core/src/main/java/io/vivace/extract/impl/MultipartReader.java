package io.vivace.extract.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Multipart;
import io.vivace.extract.MultipartLimits;
import io.vivace.problem.ProblemException;

/**
 * The body reader of {@code Body.multipart}: checks the content type and the declared length, then
 * lets Vert.x's decoder split the parts and hands each file part to an {@link UploadSink}, which
 * streams it to a temporary file within the limits. When the body is in and every file is closed,
 * the route goes on with the {@link Multipart} in the routing context. The sink's files are
 * deleted by the routing context's end handler: after the response, after a failure, or when the
 * connection closes. Runs on the request's event loop; one instance per route, stateless.
 */
public final class MultipartReader implements Handler<RoutingContext> {
  static final String KEY = "io.vivace.multipart";

  private final MultipartLimits limits;

  public MultipartReader(MultipartLimits limits) {
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
      ctx.fail(ProblemException.of(415, "The request body must be sent as multipart/form-data, got "
          + (type == null ? "no Content-Type" : "'" + type + "'") + "."));
      return;
    }
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > limits.maxTotalSize()) {
          ctx.fail(UploadSink.tooLarge("", "The body is larger than " + limits.maxTotalSize() + " bytes."));
          return;
        }
      } catch (NumberFormatException ignored) {
        // the strict decoder has refused a bad Content-Length before this
      }
    }
    if (req.isEnded()) {
      ctx.fail(ProblemException.of(400, "The multipart body was already read."));
      return;
    }
    UploadSink sink = new UploadSink(ctx, limits);
    ctx.addEndHandler(v -> sink.deleteAll());
    req.setExpectMultipart(true);
    req.uploadHandler(sink::part);
    req.exceptionHandler(sink::failed);
    req.endHandler(v -> sink.bodyEnded(result -> {
      ctx.put(KEY, result);
      ctx.next();
    }));
    req.resume();
  }

  /** The body the reader left in {@code ctx}. */
  public static Multipart result(RoutingContext ctx) {
    Multipart m = ctx.get(KEY);
    if (m == null) {
      throw new IllegalStateException("no multipart body read for this route");
    }
    return m;
  }
}
