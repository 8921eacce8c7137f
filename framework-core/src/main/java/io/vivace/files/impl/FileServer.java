package io.vivace.files.impl;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import io.vivace.files.StaticFiles;
import io.vivace.httpcache.ETags;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.route.Endpoint;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The endpoint of a {@code files} mount ({@code GET prefix/*}, HEAD too): checks the path
 * ({@link SafePaths}), finds the file ({@link FileIndex}: from its cache on the event loop, else on
 * a worker), then answers by the rules of {@link StaticFiles}: 304, 416, 206 (one range or
 * {@code multipart/byteranges}), or 200 with the file or its precompressed sibling, every body
 * sent as a {@link FileReply} (sendfile). Immutable; thread-safe.
 */
public final class FileServer implements Endpoint {
  private static final CharSequence RANGE = HttpHeaders.createOptimized("Range");
  private static final CharSequence IF_RANGE = HttpHeaders.createOptimized("If-Range");
  private static final CharSequence ACCEPT_RANGES = HttpHeaders.createOptimized("Accept-Ranges");
  private static final CharSequence BYTES = HttpHeaders.createOptimized("bytes");
  private static final CharSequence VARY_VALUE = HttpHeaders.createOptimized("Accept-Encoding");
  private static final CharSequence BR = HttpHeaders.createOptimized("br");
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");

  private final StaticFiles files;
  private final FileIndex index;

  private FileServer(StaticFiles files) {
    this.files = files;
    this.index = new FileIndex(files);
  }

  /** The endpoint serving {@code files}; mounted on {@code prefix + "/*"}. */
  public static Endpoint of(StaticFiles files) {
    return new FileServer(files);
  }

  @Override
  public Object invoke(RoutingContext ctx) {
    String rel = SafePaths.relative(ctx.pathParam("*"));
    if (rel == null) {
      return notFound(ctx);
    }
    FileEntry cached = index.cached(rel, System.nanoTime());
    if (cached != null) {
      return answer(ctx, cached);
    }
    return ctx.vertx().executeBlocking(() -> index.lookup(rel), false).map(e -> answer(ctx, e));
  }

  private Object answer(RoutingContext ctx, FileEntry e) {
    if (!e.found()) {
      return notFound(ctx);
    }
    HttpServerRequest req = ctx.request();
    MultiMap in = req.headers();
    String inm = in.get(HttpHeaders.IF_NONE_MATCH);
    String rangeHeader = in.get(RANGE);
    CharSequence encoding = null;
    java.nio.file.Path body = e.file();
    long size = e.size();
    String etag = e.etag();
    if (rangeHeader == null && e.hasVariants()) {
      String ae = in.get(HttpHeaders.ACCEPT_ENCODING);
      if (e.br() != null && accepts(ae, "br")) {
        encoding = BR;
        body = e.br();
        size = e.brSize();
        etag = etag.substring(0, etag.length() - 1) + "-br\"";
      } else if (e.gz() != null && accepts(ae, "gzip")) {
        encoding = GZIP;
        body = e.gz();
        size = e.gzSize();
        etag = etag.substring(0, etag.length() - 1) + "-gz\"";
      }
    }
    CharSequence cacheControl = e.fallback() ? StaticFiles.NO_CACHE : files.cacheControl();
    String matched = inm != null ? ETags.matching(inm, etag) // the compressor's "…-gzip" form too
        : notModifiedSince(in.get(HttpHeaders.IF_MODIFIED_SINCE), e) ? etag : null;
    if (matched != null) {
      Response r = Response.status(304).header(ETags.ETAG, matched).header(HttpHeaders.LAST_MODIFIED, e.lastModified())
          .header(HttpHeaders.CACHE_CONTROL, cacheControl);
      return e.hasVariants() ? r.header(HttpHeaders.VARY, VARY_VALUE) : r;
    }
    long[] ranges = rangeHeader == null || !ifRange(in.get(IF_RANGE), e) ? null
        : Ranges.parse(rangeHeader, size);
    if (ranges == Ranges.UNSATISFIABLE) {
      return Response.status(416).header(HttpHeaders.CONTENT_RANGE, "bytes */" + size)
          .header(ACCEPT_RANGES, BYTES);
    }
    if (ranges != null && ranges.length > 2) {
      return multipart(ctx, e, ranges, cacheControl);
    }
    int extra = (encoding != null ? 2 : 0) + (e.hasVariants() ? 2 : 0) + (ranges != null ? 2 : 0);
    CharSequence[] h = new CharSequence[10 + extra];
    int i = 0;
    h[i++] = HttpHeaders.CONTENT_TYPE;
    h[i++] = e.contentType();
    h[i++] = ETags.ETAG;
    h[i++] = etag;
    h[i++] = HttpHeaders.LAST_MODIFIED;
    h[i++] = e.lastModified();
    h[i++] = HttpHeaders.CACHE_CONTROL;
    h[i++] = cacheControl;
    h[i++] = ACCEPT_RANGES;
    h[i++] = BYTES;
    if (encoding != null) {
      h[i++] = HttpHeaders.CONTENT_ENCODING;
      h[i++] = encoding;
    }
    if (e.hasVariants()) {
      h[i++] = HttpHeaders.VARY;
      h[i++] = VARY_VALUE;
    }
    if (ranges != null) {
      h[i++] = HttpHeaders.CONTENT_RANGE;
      h[i] = "bytes " + ranges[0] + "-" + ranges[1] + "/" + size;
      return new FileReply(206, body, ranges[0], ranges[1] - ranges[0] + 1, h);
    }
    return new FileReply(200, body, 0, size, h);
  }

  /** Several ranges: read into one {@code multipart/byteranges} body (bounded), else the whole file. */
  private Object multipart(RoutingContext ctx, FileEntry e, long[] ranges, CharSequence cacheControl) {
    long sum = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      sum += ranges[i + 1] - ranges[i] + 1;
    }
    if (sum > StaticFiles.MAX_MULTIPART_BYTES) {
      return new FileReply(200, e.file(), 0, e.size(), new CharSequence[] {HttpHeaders.CONTENT_TYPE, e.contentType(),
          ETags.ETAG, e.etag(), HttpHeaders.LAST_MODIFIED, e.lastModified(), HttpHeaders.CACHE_CONTROL, cacheControl,
          ACCEPT_RANGES, BYTES});
    }
    int capacity = (int) sum + 128 * ranges.length;
    String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
        + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    return ctx.vertx().fileSystem().open(e.file().toString(), new OpenOptions().setRead(true).setWrite(false))
        .compose(file -> {
          Buffer out = Buffer.buffer(capacity);
          Future<Void> done = Future.succeededFuture();
          for (int i = 0; i < ranges.length; i += 2) {
            long first = ranges[i];
            long last = ranges[i + 1];
            done = done.compose(v -> file.read(Buffer.buffer(), 0, first, (int) (last - first + 1)).map(part -> {
              out.appendString("\r\n--" + boundary + "\r\nContent-Type: " + e.contentType() + "\r\nContent-Range: bytes "
                  + first + "-" + last + "/" + e.size() + "\r\n\r\n").appendBuffer(part);
              return null;
            }));
          }
          return done.eventually(file::close).map(v -> {
            out.appendString("\r\n--" + boundary + "--\r\n");
            return Response.bytes(out, "multipart/byteranges; boundary=" + boundary).withStatus(206)
                .header(ETags.ETAG, e.etag()).header(HttpHeaders.LAST_MODIFIED, e.lastModified())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl).header(ACCEPT_RANGES, BYTES);
          });
        });
  }

  /**
   * {@code If-Range} (RFC 9110 §13.1.5): absent, the strong tag, or the exact date: the range applies.
   * Exactly the identity file's tag: ranges are of the identity bytes (never compressed), so a part
   * of a compressed answer ({@code "…-gzip"}) cannot be completed by one: such a client gets the
   * whole file.
   */
  private static boolean ifRange(String ifRange, FileEntry e) {
    if (ifRange == null) {
      return true;
    }
    return ifRange.startsWith("\"") ? ifRange.equals(e.etag()) : ifRange.contentEquals(e.lastModified());
  }

  private static boolean notModifiedSince(String ims, FileEntry e) {
    if (ims == null) {
      return false;
    }
    try {
      return e.modifiedSeconds() <= ZonedDateTime.parse(ims, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
    } catch (RuntimeException bad) {
      return false; // not an HTTP date: ignored (RFC 9110 §13.1.3)
    }
  }

  /** Whether {@code acceptEncoding} accepts {@code coding} (listed, q not 0; or {@code *}). */
  static boolean accepts(String acceptEncoding, String coding) {
    if (acceptEncoding == null) {
      return false;
    }
    int i = 0;
    int n = acceptEncoding.length();
    while (i < n) {
      int end = acceptEncoding.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int a = i;
      while (a < end && acceptEncoding.charAt(a) == ' ') {
        a++;
      }
      int semi = acceptEncoding.indexOf(';', a);
      int nameEnd = semi < 0 || semi > end ? end : semi;
      int b = nameEnd;
      while (b > a && acceptEncoding.charAt(b - 1) == ' ') {
        b--;
      }
      boolean named = (b - a == coding.length() && acceptEncoding.regionMatches(true, a, coding, 0, b - a))
          || (b - a == 1 && acceptEncoding.charAt(a) == '*');
      if (named) {
        return !zeroQ(acceptEncoding, nameEnd, end);
      }
      i = end + 1;
    }
    return false;
  }

  private static boolean zeroQ(String s, int from, int to) {
    int q = s.indexOf("q=", from);
    if (q < 0 || q >= to) {
      return false;
    }
    for (int i = q + 2; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '1' && c <= '9') {
        return false;
      }
      if (c != '0' && c != '.') {
        break;
      }
    }
    return true;
  }

  private static Object notFound(RoutingContext ctx) {
    throw ProblemException.notFound("No resource at " + ctx.request().path() + ".");
  }

  @Override
  public Callable<Object> bind(RoutingContext ctx) {
    return () -> invoke(ctx);
  }

  @Override
  public List<Extractor<?>> extractors() {
    return List.of();
  }
}
