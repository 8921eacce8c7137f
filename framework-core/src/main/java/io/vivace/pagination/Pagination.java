package io.vivace.pagination;

import io.vertx.core.http.HttpServerRequest;
import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.openapi.ExtractorDoc;
import io.vivace.openapi.ParamDoc;
import io.vivace.pagination.impl.Cursors;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.util.List;

/**
 * Pagination extractors over query parameters. Page sizes default to {@value #DEFAULT_SIZE} and are
 * clamped to {@code 1..}{@value #DEFAULT_MAX_SIZE} (both configurable per extractor); the clamped
 * size is the one handed to the handler and reported in the response. A non-numeric or negative
 * value is a 400 naming the parameter. Extractors are immutable and called on the event loop.
 */
public final class Pagination implements RequestExtractor<PageRequest> {
  /** Page size when the request gives none: {@value}. */
  public static final int DEFAULT_SIZE = 20;
  /** Largest page size; larger requests are clamped to it: {@value}. */
  public static final int DEFAULT_MAX_SIZE = 100;

  private final int defaultSize;
  private final int maxSize;

  private Pagination(int defaultSize, int maxSize) {
    if (maxSize < 1 || defaultSize < 1 || defaultSize > maxSize) {
      throw new IllegalArgumentException("need 1 <= defaultSize <= maxSize, got defaultSize=" + defaultSize
          + ", maxSize=" + maxSize);
    }
    this.defaultSize = defaultSize;
    this.maxSize = maxSize;
  }

  /**
   * Offset pagination: {@code limit}/{@code offset} or {@code page}/{@code per_page}. {@code page}
   * is 1-based and wins over {@code offset}; {@code per_page} wins over {@code limit}.
   */
  public static Pagination offset() {
    return new Pagination(DEFAULT_SIZE, DEFAULT_MAX_SIZE);
  }

  /**
   * Keyset pagination: an opaque {@code cursor} (absent for the first page) and a {@code limit}
   * (or {@code per_page}). A cursor that is not base64url text of at most 1,024 characters is a 400.
   */
  public static Extractor<CursorRequest> keyset() {
    return keyset(DEFAULT_SIZE, DEFAULT_MAX_SIZE);
  }

  /** Keyset pagination with its own default and largest page size. */
  public static Extractor<CursorRequest> keyset(int defaultSize, int maxSize) {
    Pagination sizes = new Pagination(defaultSize, maxSize);
    ExtractorDoc doc = ExtractorDoc.params(
        new ParamDoc("query", "cursor", String.class, false, null, null, null, List.of(),
            "the opaque cursor of the next page (from the previous page's next_cursor or Link rel=\"next\"); absent for the first page"),
        sizes.sizeDoc("limit"));
    return new RequestExtractor<CursorRequest>() {
      @Override
      public CursorRequest extract(HttpServerRequest req) {
        String cursor = req.getParam("cursor");
        if (cursor != null && cursor.isEmpty()) {
          cursor = null;
        }
        if (cursor != null && !Cursors.isWellFormed(cursor)) {
          throw error("cursor", "is not a cursor this API issued");
        }
        return new CursorRequest(cursor, sizes.size(req), req.path(), otherParams(req));
      }

      @Override
      public ExtractorDoc describe() {
        return doc;
      }
    };
  }

  /** {@code page} (1-based) and {@code per_page} (clamped to 1..maxSize), for the OpenAPI document. */
  @Override
  public ExtractorDoc describe() {
    return ExtractorDoc.params(
        new ParamDoc("query", "page", Integer.class, false, 1, 1L, (long) Integer.MAX_VALUE, List.of(), "the page, from 1"),
        sizeDoc("per_page"));
  }

  private ParamDoc sizeDoc(String name) {
    return new ParamDoc("query", name, Integer.class, false, defaultSize, 0L, (long) maxSize, List.of(),
        "items per page; 0 counts as 1 and values above " + maxSize + " are lowered to " + maxSize);
  }

  /** The query parameters other than cursor, limit and per_page, form-encoded again. */
  private static String otherParams(HttpServerRequest req) {
    StringBuilder b = new StringBuilder();
    for (java.util.Map.Entry<String, String> e : req.params()) {
      String k = e.getKey();
      if (k.equals("cursor") || k.equals("limit") || k.equals("per_page")) {
        continue;
      }
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
          .append(java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** This extractor with another default page size. */
  public Pagination defaultSize(int size) {
    return new Pagination(size, Math.max(size, maxSize));
  }

  /** This extractor with another largest page size. */
  public Pagination maxSize(int size) {
    return new Pagination(Math.min(defaultSize, size), size);
  }

  @Override
  public PageRequest extract(HttpServerRequest req) {
    int size = size(req);
    long page = number(req, "page");
    if (page > 0) {
      if (page > Integer.MAX_VALUE) {
        throw error("page", "must be at most " + Integer.MAX_VALUE);
      }
      return new PageRequest((int) page, size, (page - 1) * size);
    }
    if (page == 0) {
      throw error("page", "must be at least 1 (pages are numbered from 1)");
    }
    long offset = number(req, "offset");
    offset = offset < 0 ? 0 : offset;
    return new PageRequest((int) Math.min(Integer.MAX_VALUE, offset / size + 1), size, offset);
  }

  private int size(HttpServerRequest req) {
    long perPage = number(req, "per_page");
    long size = perPage >= 0 ? perPage : number(req, "limit");
    if (size < 0) {
      return defaultSize;
    }
    return (int) Math.max(1, Math.min(maxSize, size));
  }

  /** The parameter's value; -1 when absent; a 400 when not a non-negative integer. */
  private static long number(HttpServerRequest req, String name) {
    String raw = req.getParam(name);
    if (raw == null || raw.isEmpty()) {
      return -1;
    }
    if (raw.charAt(0) == '-') {
      throw error(name, "must not be negative, got \"" + shorten(raw) + "\"");
    }
    long v = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        throw error(name, "must be a non-negative integer, got \"" + shorten(raw) + "\"");
      }
      if (v < 1_000_000_000_000_000L) { // beyond that the value stays absurdly large: sizes are clamped, pages refused
        v = v * 10 + (c - '0');
      }
    }
    return v;
  }

  private static String shorten(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }

  private static ProblemException error(String name, String what) {
    return new ProblemException(Problem.of(400, "The query parameter '" + name + "' " + what + ".",
        List.of(FieldError.query(name, what))));
  }
}
