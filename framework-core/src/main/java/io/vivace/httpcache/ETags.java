package io.vivace.httpcache;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vivace.extract.RequestExtractor;
import io.vivace.response.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Strong entity tags computed from the response bytes, and conditional GET (RFC 9110 §8.8.3,
 * §13.1.2): a request whose {@code If-None-Match} lists the current tag gets {@code 304 Not
 * Modified} with the tag and no body. With compression on, a compressed answer's tag carries its
 * coding ({@code "q1w2-gzip"}, added by the compressor); either form matches (see
 * {@link #matching}).
 *
 * <pre>{@code
 * app.get("/posts", Pagination.offset(), ETags.IF_NONE_MATCH,
 *     (page, ifNoneMatch) -> posts.page(page).map(p -> ETags.conditional(ifNoneMatch, p)));
 * }</pre>
 *
 * <p>A tag is the first 128 bits of the SHA-256 of the body, base64url, quoted (24 characters).
 * The body is encoded once; hashing reuses a per-thread digest and buffer. Thread-safe; called on
 * the event loop.
 */
public final class ETags {
  /** The {@code ETag} header name, pre-encoded. */
  public static final CharSequence ETAG = HttpHeaders.createOptimized("ETag");
  /** {@link #find}: no listed tag matches; {@code etag} itself matches. */
  private static final long NONE = -1;
  private static final long SAME = -2;
  private static final char[] BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  /** The request's {@code If-None-Match} header, or null without one. */
  public static final RequestExtractor<String> IF_NONE_MATCH = new RequestExtractor<>() {
    private final io.vivace.openapi.ExtractorDoc doc = io.vivace.openapi.ExtractorDoc.params(
        new io.vivace.openapi.ParamDoc("header", "If-None-Match", String.class, false, null, null, null,
            java.util.List.of(), "entity tags (RFC 9110 §13.1.2); 304 without a body when one matches the current ETag"))
        .withErrors(304);

    @Override
    public String extract(io.vertx.core.http.HttpServerRequest req) {
      return req.getHeader(HttpHeaders.IF_NONE_MATCH);
    }

    @Override
    public io.vivace.openapi.ExtractorDoc describe() {
      return doc;
    }
  };

  private static final FastThreadLocal<MessageDigest> SHA256 = new FastThreadLocal<>() {
    @Override
    protected MessageDigest initialValue() throws NoSuchAlgorithmException {
      return MessageDigest.getInstance("SHA-256");
    }
  };
  private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[8192];
    }
  };

  private ETags() {
  }

  /** The strong entity tag of {@code body}, quoted: {@code "q1w2..."}. */
  public static String of(Buffer body) {
    MessageDigest md = SHA256.get();
    byte[] scratch = SCRATCH.get();
    for (int i = 0, n = body.length(); i < n; i += scratch.length) {
      int end = Math.min(n, i + scratch.length);
      body.getBytes(i, end, scratch, 0);
      md.update(scratch, 0, end - i);
    }
    byte[] d = md.digest();
    char[] out = new char[24];
    out[0] = '"';
    int o = 1;
    for (int i = 0; i < 15; i += 3) { // 120 bits in 20 characters, then the last 8 bits in 2
      int v = (d[i] & 0xff) << 16 | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff);
      out[o++] = BASE64URL[v >>> 18];
      out[o++] = BASE64URL[(v >>> 12) & 63];
      out[o++] = BASE64URL[(v >>> 6) & 63];
      out[o++] = BASE64URL[v & 63];
    }
    out[o++] = BASE64URL[(d[15] & 0xff) >>> 2];
    out[o++] = BASE64URL[(d[15] & 3) << 4];
    out[o] = '"';
    return new String(out);
  }

  /**
   * Whether {@code ifNoneMatch} (the header's value, may be null) matches {@code etag} by the weak
   * comparison that RFC 9110 §13.1.2 prescribes for {@code If-None-Match}: {@code *}, or any
   * listed tag of the same entity, {@code W/} or not, coded or not (see {@link #matching}). No
   * allocation.
   */
  public static boolean matches(String ifNoneMatch, String etag) {
    return find(ifNoneMatch, etag) != NONE;
  }

  /**
   * The tag a {@code 304} answering {@code ifNoneMatch} carries when it matches {@code etag} by the
   * weak comparison of RFC 9110 §13.1.2, or null when it does not (or is null, or is not an
   * entity-tag list). A listed tag matches when its opaque text is {@code etag}'s, {@code W/} or
   * not, or when the two differ only by a content-coding suffix: the compressor sends a strong tag
   * {@code "q1w2"} as {@code "q1w2-gzip"} or {@code "q1w2-deflate"} with a body it encoded, and
   * static files' precompressed siblings carry {@code "…-gz"} and {@code "…-br"}; all of them are
   * the one entity. The answer is {@code etag} itself for {@code *} or an equal tag, else the
   * listed tag without {@code W/}: the representation the client holds (its gzip form, say), so the
   * 304 freshens that one (RFC 9111 §4.3.4). Allocates only in that last case.
   */
  public static String matching(String ifNoneMatch, String etag) {
    long at = find(ifNoneMatch, etag);
    return at == NONE ? null : at == SAME ? etag : ifNoneMatch.substring((int) (at >>> 32), (int) at);
  }

  /** {@link #NONE}, {@link #SAME} (etag itself), or the listed tag's start and end (exclusive) in one long. */
  private static long find(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return NONE;
    }
    int cur = EntityTags.open(etag);
    int n = ifNoneMatch.length();
    int i = 0;
    while (i < n) {
      char c = ifNoneMatch.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
      } else if (c == '*') {
        return SAME;
      } else {
        if (c == 'W' && i + 1 < n && ifNoneMatch.charAt(i + 1) == '/') {
          i += 2;
        }
        int end = i < n ? ifNoneMatch.indexOf('"', i + 1) : -1;
        if (end < 0 || ifNoneMatch.charAt(i) != '"') {
          return NONE; // not an entity-tag list: no match, the full response goes out
        }
        int len = end + 1 - i;
        if (cur < 0) { // not a quoted tag: compared as it is
          if (len == etag.length() && ifNoneMatch.regionMatches(i, etag, 0, len)) {
            return SAME;
          }
        } else if (len == etag.length() - cur && ifNoneMatch.regionMatches(i, etag, cur, len)) {
          return SAME;
        } else if (EntityTags.sameEntity(ifNoneMatch, i, end, etag, cur, etag.length() - 1)) {
          return (long) i << 32 | (end + 1);
        }
        i = end + 1;
      }
    }
    return NONE;
  }

  /**
   * {@code body} rendered as a handler result would be ({@code Response.encoded}: a value as JSON,
   * a {@code String} as text/plain, a {@link Buffer} as application/octet-stream, an
   * {@code Optional} as its value) with its {@code ETag}, or {@code 304 Not Modified} with the
   * matching tag ({@link #matching}) and no body when {@code ifNoneMatch} matches. Add {@code Cache-Control} / {@code Vary} to
   * the result: they go on both.
   *
   * @return null (a 404 when written) for null or an empty {@code Optional}
   */
  public static Response conditional(String ifNoneMatch, Object body) {
    return body instanceof Response ? conditional(ifNoneMatch, (Response) body) : tagged(ifNoneMatch, Response.encoded(body));
  }

  /**
   * {@code response} with an {@code ETag} from its body (encoded now by the same rules as
   * {@link #conditional(String, Object)}), or as {@code 304} with no body when {@code ifNoneMatch}
   * matches; its other headers (such as {@code Link}) stay. Only a 200 gets a tag; other statuses
   * pass as they are.
   */
  public static Response conditional(String ifNoneMatch, Response response) {
    if (response.statusCode() != 200 || response.body() == null) {
      return response;
    }
    return tagged(ifNoneMatch, Response.encoded(response));
  }

  private static Response tagged(String ifNoneMatch, Response encoded) {
    if (encoded == null) {
      return null;
    }
    String etag = of((Buffer) encoded.body());
    String matched = matching(ifNoneMatch, etag);
    if (matched != null) {
      return encoded.withStatus(304).body(null).header(ETAG, matched);
    }
    return encoded.header(ETAG, etag);
  }
}
