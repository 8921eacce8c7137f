package io.vivace.httpcache;

import io.vertx.core.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code Cache-Control} and {@code Vary} values (RFC 9111 §5.2, RFC 9110 §12.5.5), made once when
 * routes are declared and pre-encoded, so no header text is built per response:
 *
 * <pre>{@code
 * private static final CharSequence ONE_MINUTE = CacheControl.publicMaxAge(Duration.ofMinutes(1));
 * ... Response.ok(body).header(CacheControl.CACHE_CONTROL, ONE_MINUTE).header(CacheControl.VARY, CacheControl.vary("Accept"))
 * }</pre>
 *
 * Thread-safe (stateless).
 */
public final class CacheControl {
  /** The {@code Cache-Control} header name, pre-encoded. */
  public static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
  /** The {@code Vary} header name, pre-encoded. */
  public static final CharSequence VARY = HttpHeaders.createOptimized("Vary");
  /** {@code no-store}: nothing may keep the response. */
  public static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  /** {@code no-cache}: caches must revalidate (with {@code If-None-Match}) before each reuse. */
  public static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

  private CacheControl() {
  }

  /** {@code public, max-age=N}: any cache may keep it for {@code maxAge} (whole seconds, not negative). */
  public static CharSequence publicMaxAge(Duration maxAge) {
    return HttpHeaders.createOptimized("public, max-age=" + seconds(maxAge));
  }

  /** {@code private, max-age=N}: only the user's own cache (the browser) may keep it. */
  public static CharSequence privateMaxAge(Duration maxAge) {
    return HttpHeaders.createOptimized("private, max-age=" + seconds(maxAge));
  }

  /** {@code max-age=N, must-revalidate}: fresh for {@code maxAge}, then revalidated, never served stale. */
  public static CharSequence maxAgeMustRevalidate(Duration maxAge) {
    return HttpHeaders.createOptimized("max-age=" + seconds(maxAge) + ", must-revalidate");
  }

  /** A {@code Vary} value naming the request headers the response depends on, e.g. {@code vary("Accept", "Accept-Language")}. */
  public static CharSequence vary(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("vary needs at least one header name");
    }
    for (String h : headers) {
      Objects.requireNonNull(h, "a header name");
      if (h.isEmpty() || h.indexOf(',') >= 0 || h.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("not a header name: '" + h + "'");
      }
    }
    return HttpHeaders.createOptimized(String.join(", ", headers));
  }

  private static long seconds(Duration d) {
    Objects.requireNonNull(d, "maxAge");
    if (d.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative, got " + d);
    }
    return d.getSeconds();
  }
}
