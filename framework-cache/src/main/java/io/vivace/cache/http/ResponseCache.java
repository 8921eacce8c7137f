package io.vivace.cache.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.cache.Cache;
import io.vivace.cache.CacheBuilder;
import io.vivace.cache.CacheStats;
import io.vivace.extract.Extractor;
import io.vivace.httpcache.ETags;
import io.vivace.response.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Caches whole responses of a route for a time-to-live, keyed by the path and the query
 * parameters named here (others are ignored, so {@code ?utm=...} does not split the cache). The
 * body is encoded once per load and its strong {@code ETag} computed once; a request whose
 * {@code If-None-Match} matches gets {@code 304} with no body.
 *
 * <pre>{@code
 * ResponseCache top = ResponseCache.create("top-posts", Duration.ofSeconds(30), "limit");
 * app.get("/posts/top", top.key(), Query.intValue("limit"),
 *     (key, limit) -> top.get(key, () -> posts.top(limit)));
 * }</pre>
 *
 * <p>Concurrent misses of one key run the handler once (single-flight); a failed handler is not
 * cached and its failure is answered as usual. Only successful values are cached: a handler
 * result of null (404) is not. In process only (an L1 {@link Cache}). Thread-safe; called on the
 * event loop.
 */
public final class ResponseCache {

  /** The cache key of one request and its {@code If-None-Match}. */
  public static final class Key {
    final String key;
    final String ifNoneMatch;

    Key(String key, String ifNoneMatch) {
      this.key = key;
      this.ifNoneMatch = ifNoneMatch;
    }

    /**
     * The cache key: the path, then {@code ?name=value&...} for the named parameters present, in
     * the order named, each decoded value percent-encoded again ({@code &}, {@code =}, {@code %}
     * and every non-ASCII or control byte), so two different queries never share a key.
     */
    public String value() {
      return key;
    }
  }

  /** What is kept per key: the rendered response (body as bytes, content type set) and its tag. */
  private record Stored(Response response, String etag) {
  }

  private final Cache<String, Stored> cache;
  private final String[] params;

  private ResponseCache(Cache<String, Stored> cache, String[] params) {
    this.cache = cache;
    this.params = params;
  }

  /**
   * A response cache named {@code name}, keeping each response for {@code ttl}, keyed by the path
   * and the query parameters {@code params}; at most {@link CacheBuilder#DEFAULT_MAXIMUM_SIZE}
   * responses.
   */
  public static ResponseCache create(String name, Duration ttl, String... params) {
    for (String p : params) {
      Objects.requireNonNull(p, "a parameter name");
    }
    return new ResponseCache(Cache.<String, Stored>builder(name).expireAfterWrite(ttl).build(), params.clone());
  }

  /** The extractor of this request's {@link Key}; put it first in the route's extractors. */
  public Extractor<Key> key() {
    return ctx -> {
      HttpServerRequest req = ctx.request();
      String path = req.path();
      if (params.length == 0) {
        return new Key(path, req.getHeader(HttpHeaders.IF_NONE_MATCH));
      }
      StringBuilder sb = new StringBuilder(path.length() + 32).append(path);
      char sep = '?';
      for (String p : params) {
        String v = req.getParam(p);
        if (v != null) {
          sb.append(sep).append(p).append('=');
          encode(sb, v);
          sep = '&';
        }
      }
      return new Key(sb.toString(), req.getHeader(HttpHeaders.IF_NONE_MATCH));
    };
  }

  /** Appends {@code v} with {@code %}, {@code &}, {@code =}, {@code +}, {@code #} and bytes outside printable ASCII percent-encoded (UTF-8). */
  static void encode(StringBuilder sb, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c > 0x20 && c < 0x7f && c != '%' && c != '&' && c != '=' && c != '+' && c != '#') {
        sb.append(c);
      } else if (c < 0x80) {
        hex(sb, c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < v.length() ? i + 2 : i + 1;
        for (byte b : v.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          hex(sb, b & 0xff);
        }
        i = end - 1;
      }
    }
  }

  private static void hex(StringBuilder sb, int b) {
    sb.append('%').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
  }

  /**
   * The response for {@code key}: the cached one, else {@code handler}'s value rendered once by the
   * rules of every handler result ({@code Response.encoded}: a {@code Response} with its status
   * and headers, a {@code String} as text/plain, a {@link Buffer} as application/octet-stream,
   * anything else as JSON) and cached. With the {@code ETag}, or 304 when the request's {@code If-None-Match} matches
   * ({@link ETags#matching}: the tag as sent, or its form the compressor coded).
   */
  public Future<Response> get(Key key, Supplier<Future<?>> handler) {
    return cache.get(key.key, k -> handler.get().map(ResponseCache::store)).map(s -> {
      if (s == null) {
        return null; // the handler found nothing: 404, not cached
      }
      String matched = ETags.matching(key.ifNoneMatch, s.etag); // the compressed answer's "…-gzip" too
      if (matched != null) {
        return Response.status(304).header(ETags.ETAG, matched);
      }
      return s.response.header(ETags.ETAG, s.etag);
    });
  }

  /** The value rendered once by the rules of every handler result ({@code Response.encoded}), with its tag. */
  private static Stored store(Object value) {
    Response r = Response.encoded(value);
    if (r == null) {
      return null;
    }
    Buffer body = (Buffer) r.body();
    return new Stored(r, ETags.of(body == null ? Buffer.buffer() : body));
  }

  /** Drops every cached response (after a write that changes them). */
  public Future<Void> invalidateAll() {
    return cache.invalidateAll();
  }

  /** The counters of the underlying cache. */
  public CacheStats stats() {
    return cache.stats();
  }
}
