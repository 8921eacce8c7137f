package io.vivace.headers.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.headers.SecurityHeadersOptions;

/**
 * The security-headers preset compiled once at start: every value pre-encoded, each header that is
 * {@code off} left out. Per request: up to four header additions and, for HSTS, one
 * {@link HttpServerRequest#isSSL()} test. Called on the request's event loop; immutable.
 */
public final class SecurityHeaders {
  static final CharSequence X_CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
  static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
  static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
  static final CharSequence STRICT_TRANSPORT_SECURITY = HttpHeaders.createOptimized("Strict-Transport-Security");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");

  private final CharSequence referrerPolicy;
  private final CharSequence contentSecurityPolicy;
  private final CharSequence hsts;

  private SecurityHeaders(SecurityHeadersOptions o) {
    referrerPolicy = optional(o.referrerPolicy());
    contentSecurityPolicy = optional(o.contentSecurityPolicy());
    hsts = o.hstsMaxAgeSeconds() == 0 ? null : HttpHeaders.createOptimized("max-age=" + o.hstsMaxAgeSeconds());
  }

  /** The compiled preset, or null when {@code options} is null or not enabled. */
  public static SecurityHeaders of(SecurityHeadersOptions options) {
    return options == null || !options.enabled() ? null : new SecurityHeaders(options);
  }

  private static CharSequence optional(String value) {
    return value.equalsIgnoreCase("off") ? null : HttpHeaders.createOptimized(value);
  }

  /** Adds the preset's headers to {@code req}'s response. */
  public void apply(HttpServerRequest req) {
    MultiMap out = req.response().headers();
    out.add(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    if (referrerPolicy != null) {
      out.add(REFERRER_POLICY, referrerPolicy);
    }
    if (contentSecurityPolicy != null) {
      out.add(CONTENT_SECURITY_POLICY, contentSecurityPolicy);
    }
    if (hsts != null && req.isSSL()) {
      out.add(STRICT_TRANSPORT_SECURITY, hsts);
    }
  }
}
