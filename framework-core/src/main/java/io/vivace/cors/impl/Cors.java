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
 * Per request without a preflight: with exact origins only, one lookup of {@code Origin} per
 * allowed origin comparing the header's bytes (no {@code String} made); with patterns or {@code *},
 * the header read once, a hash lookup and one prefix and suffix test per pattern; then the
 * response headers added from arrays made at start, in one loop. The work is kept small in code
 * too: it runs inlined into the JIT's compile of the whole request, whose size budget the route's
 * own code needs. Called on the request's event loop; immutable.
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
  private final Set<String> methods;
  private final CharSequence allowMethods;
  private final Set<String> headers;      // lower case; null: any
  private final CharSequence allowHeaders; // null: echo the request's
  private final CharSequence maxAge;
  /** Name, value pairs added to every answer to an allowed origin but its Access-Control-Allow-Origin. */
  private final CharSequence[] allowed;
  /** Name, value pairs added to every other answer (Vary: Origin, or nothing). */
  private final CharSequence[] other;

  private Cors(CorsOptions o) {
    origins = Origins.compile(o.origins());
    credentials = o.credentials();
    boolean star = origins.any() && !credentials;
    allowOrigin = star ? STAR : null;
    CharSequence vary = star ? null : VARY_ORIGIN; // null when the answer does not depend on the origin
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
    CharSequence exposeHeaders = o.exposedHeaders().isEmpty() ? null : HttpHeaders.createOptimized(String.join(", ", o.exposedHeaders()));
    maxAge = HttpHeaders.createOptimized(Integer.toString(o.maxAgeSeconds()));
    java.util.List<CharSequence> pairs = new java.util.ArrayList<>();
    if (vary != null) {
      pairs.add(HttpHeaders.VARY);
      pairs.add(vary);
    }
    other = pairs.toArray(new CharSequence[0]);
    if (credentials) {
      pairs.add(ALLOW_CREDENTIALS);
      pairs.add(TRUE);
    }
    if (exposeHeaders != null) {
      pairs.add(EXPOSE_HEADERS);
      pairs.add(exposeHeaders);
    }
    allowed = pairs.toArray(new CharSequence[0]);
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
    if (req.method() == HttpMethod.OPTIONS && isPreflight(req)) {
      return true;
    }
    CharSequence echo = origins.echo(req.headers());
    CharSequence[] pairs = echo != null ? allowed : other;
    MultiMap out = req.response().headers();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(pairs[i], pairs[i + 1]);
    }
    if (echo != null) {
      out.add(ALLOW_ORIGIN, allowOrigin != null ? allowOrigin : echo);
    }
    return false;
  }

  /** Answers {@code req} (an {@code OPTIONS}) when it is a preflight: {@code Origin} and {@code Access-Control-Request-Method}. */
  private boolean isPreflight(HttpServerRequest req) {
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    String method = origin == null ? null : req.getHeader(REQUEST_METHOD);
    if (method == null) {
      return false;
    }
    preflight(req, origin, method);
    return true;
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
