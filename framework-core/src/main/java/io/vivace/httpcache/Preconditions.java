package io.vivace.httpcache;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;

/**
 * {@code If-Match} for optimistic concurrency (RFC 9110 section 13.1.1): a client sends back the
 * {@code ETag} it read, and a write whose target has changed since then is refused with
 * {@code 412 Precondition Failed}, so concurrent read-modify-write cycles never lose an update.
 * The comparison is strong: a weak tag ({@code W/"..."}) never matches; {@code *} matches any
 * current representation. A tag the compressor coded ({@code "q1w2-gzip"}) is compared without its
 * coding, so optimistic concurrency works with compression on.
 *
 * <pre>{@code
 * app.put("/posts/:id", Path.longValue("id"), Preconditions.IF_MATCH, Body.json(NewPost.class),
 *     (id, ifMatch, in) -> db.inTransaction(tx -> tx.one(SELECT_FOR_UPDATE, Tuple.of(id), Post::from)
 *         .compose(current -> {
 *           Preconditions.check(ifMatch, ETags.of(Json.encode(current)));
 *           return tx.one(UPDATE, Tuple.of(id, in.title()), Post::from);
 *         })));
 * }</pre>
 *
 * Compare against the state the write will change, read under the same lock (or in the same
 * statement) as the write. Stateless and thread-safe; no allocation on the match path.
 */
public final class Preconditions {
  /** The request's {@code If-Match} header, or null without one. */
  public static final RequestExtractor<String> IF_MATCH = new RequestExtractor<>() {
    private final io.vivace.openapi.ExtractorDoc doc = io.vivace.openapi.ExtractorDoc.params(
        new io.vivace.openapi.ParamDoc("header", "If-Match", String.class, false, null, null, null, java.util.List.of(),
            "entity tags (RFC 9110 §13.1.1); the write is refused with 412 unless one matches the current ETag"))
        .withErrors(412);

    @Override
    public String extract(io.vertx.core.http.HttpServerRequest req) {
      return req.getHeader(HttpHeaders.IF_MATCH);
    }

    @Override
    public io.vivace.openapi.ExtractorDoc describe() {
      return doc;
    }
  };

  private Preconditions() {
  }

  /**
   * A value extracted from the request (such as the target's id) with the request's
   * {@code If-Match} header (null without one).
   */
  public record Conditional<T>(T value, String ifMatch) {
  }

  /**
   * An extractor of what {@code value} extracts together with {@code If-Match}: one handler
   * argument for both. It reads the body when
   * {@code value} does, and needs only the request when {@code value} does.
   */
  public static <T> Extractor<Conditional<T>> withIfMatch(Extractor<T> value) {
    java.util.Objects.requireNonNull(value, "value");
    RequestExtractor<T> plain = value.requestOnly();
    io.vivace.openapi.ExtractorDoc doc = value.describe().and(IF_MATCH.describe());
    if (plain != null) {
      return new RequestExtractor<Conditional<T>>() {
        @Override
        public Conditional<T> extract(io.vertx.core.http.HttpServerRequest req) {
          return new Conditional<>(plain.extract(req), req.getHeader(HttpHeaders.IF_MATCH));
        }

        @Override
        public io.vivace.openapi.ExtractorDoc describe() {
          return doc;
        }
      };
    }
    return new Extractor<>() {
      @Override
      public io.vivace.openapi.ExtractorDoc describe() {
        return doc;
      }

      @Override
      public Conditional<T> extract(RoutingContext ctx) {
        return new Conditional<>(value.extract(ctx), ctx.request().getHeader(HttpHeaders.IF_MATCH));
      }

      @Override
      public boolean readsBody() {
        return value.readsBody();
      }

      @Override
      public io.vertx.core.Handler<RoutingContext> bodyReader() {
        return value.bodyReader();
      }
    };
  }

  /**
   * Whether {@code ifMatch} (the header's value; null or blank: no precondition, true) lets a
   * request change the representation whose strong tag is {@code etag} (quoted, as
   * {@link ETags#of} makes it): {@code *}, or a listed strong tag equal to it once a
   * content-coding suffix is set aside on either side ({@code "q1w2-gzip"}, the tag of the
   * compressed answer a client read with compression on, is {@code "q1w2"}; see
   * {@link ETags#matching}). A malformed list matches nothing.
   */
  public static boolean ifMatch(String ifMatch, String etag) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return true;
    }
    int cur = EntityTags.open(etag); // 0: strong; 2: weak, never matches; -1: not quoted, compared as it is
    int n = ifMatch.length();
    int i = 0;
    while (i < n) {
      char c = ifMatch.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
        continue;
      }
      if (c == '*') {
        return true;
      }
      boolean weak = c == 'W' && i + 1 < n && ifMatch.charAt(i + 1) == '/';
      if (weak) {
        i += 2;
      }
      if (i >= n || ifMatch.charAt(i) != '"') {
        return false;
      }
      int end = ifMatch.indexOf('"', i + 1);
      if (end < 0) {
        return false;
      }
      if (!weak && (cur == 0 ? EntityTags.sameEntity(ifMatch, i, end, etag, 0, etag.length() - 1)
          : cur < 0 && end + 1 - i == etag.length() && ifMatch.regionMatches(i, etag, 0, etag.length()))) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }

  /**
   * Throws the 412 problem unless {@link #ifMatch(String, String)}.
   *
   * @throws ProblemException 412 Precondition Failed, naming the {@code If-Match} header
   */
  public static void check(String ifMatch, String etag) {
    if (!ifMatch(ifMatch, etag)) {
      throw preconditionFailed();
    }
  }

  /** The 412 problem: the target changed since the client read the tag it sent in {@code If-Match}. */
  public static ProblemException preconditionFailed() {
    return new ProblemException(Problem.of(412, "The resource has changed since the ETag sent in If-Match;"
        + " read it again and retry."));
  }
}
