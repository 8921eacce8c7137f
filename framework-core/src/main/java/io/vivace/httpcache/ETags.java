package io.vivace.httpcache;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vivace.extract.RequestExtractor;
import io.vivace.json.Json;
import io.vivace.response.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Strong entity tags computed from the response bytes, and conditional GET (RFC 9110 §8.8.3,
 * §13.1.2): a request whose {@code If-None-Match} lists the current tag gets {@code 304 Not
 * Modified} with the tag and no body.
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
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final char[] BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  /** The request's {@code If-None-Match} header, or null without one. */
  public static final RequestExtractor<String> IF_NONE_MATCH = req -> req.getHeader(HttpHeaders.IF_NONE_MATCH);

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
   * listed tag with the same opaque text, {@code W/} or not. No allocation.
   */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    int n = ifNoneMatch.length();
    int i = 0;
    while (i < n) {
      char c = ifNoneMatch.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
      } else if (c == '*') {
        return true;
      } else {
        if (c == 'W' && i + 1 < n && ifNoneMatch.charAt(i + 1) == '/') {
          i += 2;
        }
        int end = i < n ? ifNoneMatch.indexOf('"', i + 1) : -1;
        if (end < 0 || ifNoneMatch.charAt(i) != '"') {
          return false; // not an entity-tag list: no match, the full response goes out
        }
        int len = end + 1 - i;
        if (len == etag.length() && ifNoneMatch.regionMatches(i, etag, 0, len)) {
          return true;
        }
        i = end + 1;
      }
    }
    return false;
  }

  /**
   * {@code body} as a 200 JSON response (a {@link Buffer} as is) with its {@code ETag}, or
   * {@code 304 Not Modified} with the same tag and no body when {@code ifNoneMatch} matches.
   * Add {@code Cache-Control} / {@code Vary} to the result: they go on both.
   */
  public static Response conditional(String ifNoneMatch, Object body) {
    Buffer bytes = body instanceof Buffer ? (Buffer) body : Json.encode(body);
    String etag = of(bytes);
    if (matches(ifNoneMatch, etag)) {
      return Response.status(304).header(ETAG, etag);
    }
    return Response.bytes(bytes, APPLICATION_JSON).header(ETAG, etag);
  }

  /**
   * {@code response} with an {@code ETag} from its body (encoded now if it is not a
   * {@link Buffer}), or as {@code 304} with no body when {@code ifNoneMatch} matches; its other
   * headers (such as {@code Link}) stay. Only a 200 gets a tag; other statuses pass as they are.
   */
  public static Response conditional(String ifNoneMatch, Response response) {
    if (response.statusCode() != 200 || response.body() == null) {
      return response;
    }
    Object body = response.body();
    Buffer bytes;
    CharSequence type = response.contentType();
    if (body instanceof Buffer) {
      bytes = (Buffer) body;
    } else if (body instanceof String) {
      bytes = Buffer.buffer((String) body);
      type = type != null ? type : TEXT_PLAIN;
    } else {
      bytes = Json.encode(body);
      type = type != null ? type : APPLICATION_JSON;
    }
    String etag = of(bytes);
    if (matches(ifNoneMatch, etag)) {
      return response.withStatus(304).body(null).header(ETAG, etag);
    }
    Response r = response.body(bytes).header(ETAG, etag);
    return type != null ? r.withContentType(type) : r;
  }
}
