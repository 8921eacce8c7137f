package io.vivace.extract.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Multipart;
import io.vivace.extract.MultipartLimits;
import io.vivace.extract.UploadedFile;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file parts of one multipart request: each streamed to a temporary file (the upload paused
 * while the file's write queue is full), counted against the limits; the first limit exceeded
 * fails the request with 413 naming the part and stops storing (the connection closes after the
 * answer). Every temporary file created is remembered and {@link #deleteAll deleted} at the end,
 * including one whose creation completes after the end. Confined to the request's event loop.
 */
final class UploadSink {
  /** Ms the parts get, after the body has ended, to finish writing; longer: a part never closed, 400. */
  static final long UNFINISHED_PART_GRACE_MS = 5_000;

  private final RoutingContext ctx;
  private final MultipartLimits limits;
  private final FileSystem fs;
  private final List<Path> created = new ArrayList<>();
  private final List<Future<UploadedFile>> parts = new ArrayList<>();
  private long total;
  private boolean failed;
  private boolean deleted;

  UploadSink(RoutingContext ctx, MultipartLimits limits) {
    this.ctx = ctx;
    this.limits = limits;
    this.fs = ctx.vertx().fileSystem();
  }

  static ProblemException tooLarge(String part, String detail) {
    return new ProblemException(Problem.of(413, detail, part.isEmpty() ? List.of() : List.of(FieldError.body("/" + part,
        detail))), Map.of("Connection", "close"));
  }

  void part(HttpServerFileUpload upload) {
    if (failed) {
      upload.handler(b -> { }); // drained, not stored
      return;
    }
    int count = parts.size() + ctx.request().formAttributes().size() + 1;
    if (count > limits.maxParts()) {
      fail(tooLarge(upload.name(), "Too many parts: at most " + limits.maxParts() + "; '" + upload.name() + "' is one too many."));
      upload.handler(b -> { });
      return;
    }
    upload.pause();
    boolean[] ended = {false};
    Runnable[] onEnd = {null};
    upload.endHandler(v -> {
      ended[0] = true;
      if (onEnd[0] != null) {
        onEnd[0].run();
      }
    });
    String dir = limits.tempDir() == null ? null : limits.tempDir().toString();
    Future<UploadedFile> done = fs.createTempFile(dir, "vivace-upload-", ".part", (String) null).compose(name -> {
      Path path = Path.of(name);
      created.add(path);
      if (deleted) {
        fs.delete(name);
        return Future.failedFuture("request ended");
      }
      return fs.open(name, new OpenOptions().setWrite(true).setCreate(false).setTruncateExisting(true))
          .compose(file -> write(upload, file, path, ended, onEnd));
    });
    parts.add(done);
    done.onFailure(e -> {
      if (e instanceof ProblemException) {
        fail((ProblemException) e);
      }
    });
  }

  private Future<UploadedFile> write(HttpServerFileUpload upload, AsyncFile file, Path path, boolean[] ended,
      Runnable[] onEnd) {
    io.vertx.core.Promise<UploadedFile> result = io.vertx.core.Promise.promise();
    long[] size = {0};
    upload.handler(buf -> {
      if (failed) {
        return;
      }
      size[0] += buf.length();
      total += buf.length();
      if (size[0] > limits.maxFileSize()) {
        result.tryFail(tooLarge(upload.name(), "The part '" + upload.name() + "' is larger than " + limits.maxFileSize()
            + " bytes."));
        return;
      }
      if (total > limits.maxTotalSize()) {
        result.tryFail(tooLarge(upload.name(), "The body is larger than " + limits.maxTotalSize() + " bytes (at part '"
            + upload.name() + "')."));
        return;
      }
      file.write(buf);
      if (file.writeQueueFull()) {
        upload.pause();
        file.drainHandler(v -> upload.resume());
      }
    });
    upload.exceptionHandler(result::tryFail);
    onEnd[0] = () -> file.close().onComplete(c -> {
      if (c.failed()) {
        result.tryFail(c.cause());
      } else {
        String type = upload.contentType() == null || upload.contentType().isEmpty() ? "application/octet-stream"
            : upload.contentType();
        result.tryComplete(new UploadedFile(upload.name(), upload.filename(), type, size[0], path));
      }
    });
    if (ended[0]) {
      onEnd[0].run();
    }
    result.future().onFailure(e -> file.close());
    upload.resume();
    return result.future();
  }

  void failed(Throwable e) {
    fail(e instanceof ProblemException ? (ProblemException) e
        : ProblemException.of(400, "The multipart body is malformed or was cut short."));
  }

  private void fail(ProblemException e) {
    if (failed) {
      return;
    }
    failed = true;
    ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    ctx.fail(e);
  }

  /** The body is in: once every file is closed, {@code then} gets the form. */
  void bodyEnded(Handler<Multipart> then) {
    if (failed) {
      return;
    }
    // Parts may still be writing what was read before the end (their delivery paused while a file
    // was opened or its queue drained): wait for them, but a part whose closing boundary never came
    // never ends, so after a grace period the body is malformed.
    Future<?> all = Future.all(new ArrayList<>(parts));
    if (!all.isComplete()) {
      long timer = ctx.vertx().setTimer(UNFINISHED_PART_GRACE_MS, id -> {
        if (!all.isComplete()) {
          failed(new IllegalStateException("a part without its closing boundary"));
        }
      });
      all.onComplete(r -> ctx.vertx().cancelTimer(timer));
    }
    all.onComplete(done -> {
      if (failed) {
        return;
      }
      if (done.failed()) {
        failed(done.cause());
        return;
      }
      Map<String, List<UploadedFile>> files = new LinkedHashMap<>();
      for (Future<UploadedFile> f : parts) {
        files.computeIfAbsent(f.result().field(), k -> new ArrayList<>()).add(f.result());
      }
      Map<String, List<String>> fields = new LinkedHashMap<>();
      ctx.request().formAttributes().forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      int count = parts.size() + ctx.request().formAttributes().size();
      if (count > limits.maxParts()) {
        fail(tooLarge("", "Too many parts: " + count + ", at most " + limits.maxParts() + "."));
        return;
      }
      files.replaceAll((k, v) -> List.copyOf(v));
      fields.replaceAll((k, v) -> List.copyOf(v));
      then.handle(new Multipart(fields, files));
    });
  }

  /** Deletes every temporary file (asynchronously; a file still being created is deleted when it is). */
  void deleteAll() {
    deleted = true;
    for (Path p : created) {
      fs.delete(p.toString());
    }
  }
}
