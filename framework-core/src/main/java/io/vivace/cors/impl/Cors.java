package io.vivace.cors.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.config.ConfigException;
import io.vivace.cors.CorsOptions;
import io.vivace.problem.ProblemException;
import io.vivace.problem.impl.ProblemResponses;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * CORS as the Fetch standard describes it, compiled once at start from {@link CorsOptions}: every
 * header value is pre-encoded, origins are {@link Origins}. Runs first for every request, before
 * routing (so a 404 or 405 carries the same headers):
 * <ul>
 *   <li>a preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       is answered here and never reaches a handler: 204 with {@code Access-Control-Allow-Origin},
 *       {@code -Methods}, {@code -Headers}, {@code -Max-Age} (and {@code -Credentials}) when the
 *       origin, the method and every requested header are allowed, else 403 (a problem) without
 *       CORS headers;</li>
 *   <li>any other request from an allowed origin gets {@code Access-Control-Allow-Origin} (its
 *       origin, or {@code *} when every origin is allowed without credentials),
 *       {@code Access-Control-Allow-Credentials} and {@code Access-Control-Expose-Headers}; from
 *       another origin, or without {@code Origin}, none of them;</li>
 *   <li>{@code Vary: Origin} on every response (with or without {@code Origin}: a shared cache must
 *       not give one origin's answer to another), except when every origin is allowed without
 *       credentials, whose answer never depends on the origin.</li>
 * </ul>
 * Per request without a preflight: one header lookup, a hash lookup of the origin (plus one
 * prefix and suffix test per pattern) and up to four header additions; no allocation of its own.
 * Called on the request's event loop; immutable.
 */
public final class Cors {
  static final CharSequence ALLOW_ORIGIN = HttpHeaders.createOptimized("Access-Control-Allow-Origin");
  static final CharSequence ALLOW_CREDENTIALS = HttpHeaders.createOptimized("Access-Control-Allow-Credentials");
  static final CharSequence ALLOW_METHODS = HttpHeaders.createOptimized("Access-Control-Allow-Methods");
  static final CharSequence ALLOW_HEADERS = HttpHeaders.createOptimized("Access-Control-Allow-Headers");
  static final CharSequence EXPOSE_HEADERS = HttpHeaders.createOptimized("Access-Control-Expose-Headers");
  static final CharSequence MAX_AGE = HttpHeaders.createOptimized("Access-Control-Max-Age");
  static final CharSequence REQUEST_METHOD = HttpHeaders.createOptimized("Access-Control-Request-Method");
  static final CharSequence REQUEST_HEADERS = HttpHeaders.createOptimized("Access-Control-Request-Headers");
  private static final CharSequence TRUE = HttpHeaders.createOptimized("true");
  private static final CharSequence STAR = HttpHeaders.createOptimized("*");
  private static final CharSequence VARY_ORIGIN = HttpHeaders.createOptimized("Origin");
  private static final CharSequence VARY_PREFLIGHT =
      HttpHeaders.createOptimized("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");

  private final Origins origins;
  private final boolean credentials;
  private final CharSequence allowOrigin; // * when any origin without credentials, else null: echo
  private final CharSequence vary;        // null when the answer does not depend on the origin
  private final Set<String> methods;
  private final CharSequence allowMethods;
  private final Set<String> headers;      // lower case; null: any
  private final CharSequence allowHeaders; // null: echo the request's
  private final CharSequence exposeHeaders; // null: none
  private final CharSequence maxAge;

  private Cors(CorsOptions o) {
    origins = Origins.compile(o.origins());
    credentials = o.credentials();
    boolean star = origins.any() && !credentials;
    allowOrigin = star ? STAR : null;
    vary = star ? null : VARY_ORIGIN;
    methods = Set.copyOf(o.methods());
    allowMethods = HttpHeaders.createOptimized(String.join(", ", o.methods()));
    if (o.headers().contains("*")) {
      headers = null;
      allowHeaders = null;
    } else {
      Set<String> lower = new HashSet<>();
      o.headers().forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
      headers = Set.copyOf(lower);
      allowHeaders = o.headers().isEmpty() ? null : HttpHeaders.createOptimized(String.join(", ", o.headers()));
    }
    exposeHeaders = o.exposedHeaders().isEmpty() ? null : HttpHeaders.createOptimized(String.join(", ", o.exposedHeaders()));
    maxAge = HttpHeaders.createOptimized(Integer.toString(o.maxAgeSeconds()));
  }

  /**
   * The compiled CORS of {@code options}, or null when they allow no origin (CORS off).
   *
   * @throws ConfigException naming {@code VIVACE_CORS_ORIGINS} when {@code *} is combined with
   *     credentials, which the Fetch standard forbids
   */
  public static Cors of(CorsOptions options) {
    if (options == null || !options.enabled()) {
      return null;
    }
    if (options.credentials() && options.origins().contains("*")) {
      throw new ConfigException(CorsOptions.ORIGINS.env() + " (system property " + CorsOptions.ORIGINS.property()
          + "): expected exact origins or patterns when " + CorsOptions.CREDENTIALS.env()
          + " is true (the Fetch standard forbids * with credentials), got \"*\"");
    }
    return new Cors(options);
  }

  /**
   * Adds the CORS headers of {@code req}'s response, or answers it when it is a preflight.
   *
   * @return true when the request was answered (a preflight): nothing else may handle it
   */
  public boolean handle(HttpServerRequest req) {
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && req.method() == HttpMethod.OPTIONS) {
      String method = req.getHeader(REQUEST_METHOD);
      if (method != null) {
        preflight(req, origin, method);
        return true;
      }
    }
    MultiMap out = req.response().headers();
    if (vary != null) {
      out.add(HttpHeaders.VARY, vary);
    }
    CharSequence echo;
    if (origin != null && (echo = origins.echo(origin)) != null) {
      out.add(ALLOW_ORIGIN, allowOrigin != null ? allowOrigin : echo);
      if (credentials) {
        out.add(ALLOW_CREDENTIALS, TRUE);
      }
      if (exposeHeaders != null) {
        out.add(EXPOSE_HEADERS, exposeHeaders);
      }
    }
    return false;
  }

  private void preflight(HttpServerRequest req, String origin, String method) {
    HttpServerResponse resp = req.response();
    MultiMap out = resp.headers();
    out.add(HttpHeaders.VARY, VARY_PREFLIGHT);
    String requested = req.getHeader(REQUEST_HEADERS);
    String refused = !origins.allows(origin) ? "Origin"
        : !methodAllowed(method) ? "Access-Control-Request-Method"
        : !headersAllowed(requested) ? "Access-Control-Request-Headers" : null;
    if (refused != null) {
      ProblemResponses.send(req, ProblemException.of(403, "The CORS preflight was refused: " + refused + " is not allowed."), 403, null);
      return;
    }
    out.add(ALLOW_ORIGIN, allowOrigin != null ? allowOrigin : origin);
    if (credentials) {
      out.add(ALLOW_CREDENTIALS, TRUE);
    }
    out.add(ALLOW_METHODS, allowMethods);
    if (allowHeaders != null) {
      out.add(ALLOW_HEADERS, allowHeaders);
    } else if (headers == null && requested != null && !requested.isBlank()) {
      out.add(ALLOW_HEADERS, requested); // any header allowed: the ones asked for, literally (also with credentials)
    }
    out.add(MAX_AGE, maxAge);
    resp.setStatusCode(204).end();
  }

  private boolean methodAllowed(String method) {
    // GET, HEAD and POST are CORS-safelisted methods: a browser needs no permission for them
    return methods.contains(method) || method.equals("GET") || method.equals("HEAD") || method.equals("POST");
  }

  private boolean headersAllowed(String requested) {
    if (headers == null || requested == null) {
      return true;
    }
    int from = 0;
    int n = requested.length();
    while (from < n) {
      int comma = requested.indexOf(',', from);
      int end = comma < 0 ? n : comma;
      String name = requested.substring(from, end).trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !headers.contains(name)) {
        return false;
      }
      from = end + 1;
    }
    return true;
  }
}
