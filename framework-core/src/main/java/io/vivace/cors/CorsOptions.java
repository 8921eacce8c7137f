package io.vivace.cors;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import io.vivace.cors.impl.Origins;
import java.util.List;

/**
 * Cross-origin resource sharing (CORS, the Fetch standard): which other origins' pages may call
 * this API from a browser, with which methods and headers, and whether with credentials (cookies,
 * HTTP authentication). Off unless {@link #origins(List) origins} are set: in code
 * ({@code app.cors(options)}) or by {@code VIVACE_CORS_ORIGINS}.
 *
 * <p>An origin is {@code scheme://host[:port]} exactly as a browser sends it in {@code Origin}
 * (lower case, no path, no trailing slash); a pattern puts one {@code *} in place of the leftmost
 * host labels ({@code https://*.example.com}: any subdomain, not the domain itself) or of the port
 * ({@code http://localhost:*}); {@code *} alone allows every origin and cannot be combined with
 * credentials (the Fetch standard forbids it: refused at start with a
 * {@link io.vivace.config.ConfigException}). Header names are compared without regard to case;
 * {@code *} in {@link #headers(List) headers} allows whatever a preflight asks for.
 *
 * <p>Every field has a documented {@code DEFAULT_*} and one {@link Setting} declaration (all in
 * {@link #SETTINGS}); setters check through the same declarations and throw
 * {@link IllegalArgumentException} naming the setting. Not thread-safe: configure, then start; the
 * server compiles the options once at start (pre-encoded header values, pre-split patterns).
 */
public final class CorsOptions {
  /** Allowed origins: none (CORS off). Environment {@code VIVACE_CORS_ORIGINS}. */
  public static final List<String> DEFAULT_ORIGINS = List.of();
  /** Whether credentialed requests are allowed ({@code Access-Control-Allow-Credentials}): {@value}. Environment {@code VIVACE_CORS_CREDENTIALS}. */
  public static final boolean DEFAULT_CREDENTIALS = false;
  /** Methods a preflight may ask for ({@code Access-Control-Allow-Methods}). Environment {@code VIVACE_CORS_METHODS}. */
  public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  /** Request headers a preflight may ask for ({@code Access-Control-Allow-Headers}). Environment {@code VIVACE_CORS_HEADERS}. */
  public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
      "X-Request-Id");
  /** Response headers a page may read ({@code Access-Control-Expose-Headers}). Environment {@code VIVACE_CORS_EXPOSED_HEADERS}. */
  public static final List<String> DEFAULT_EXPOSED_HEADERS = List.of("ETag", "Link", "Location", "Retry-After", "X-Request-Id");
  /** Seconds a browser may cache a preflight's answer ({@code Access-Control-Max-Age}): {@value}. Environment {@code VIVACE_CORS_MAX_AGE}. */
  public static final int DEFAULT_MAX_AGE_SECONDS = 600;

  /** {@code VIVACE_CORS_ORIGINS}. */
  public static final Setting<List<String>> ORIGINS = Setting.list("VIVACE_CORS_ORIGINS", "origins", DEFAULT_ORIGINS,
      "origins (scheme://host[:port]), patterns (https://*.example.com, http://localhost:*) or *", Origins::isValid,
      "origins allowed to call the API from a browser (CORS): exact origins, patterns such as `https://*.example.com`, or `*` (not with credentials); unset: CORS off");
  /** {@code VIVACE_CORS_CREDENTIALS}. */
  public static final Setting<Boolean> CREDENTIALS = Setting.bool("VIVACE_CORS_CREDENTIALS", "credentials",
      DEFAULT_CREDENTIALS, "allow credentialed cross-origin requests (cookies, HTTP authentication)");
  /** {@code VIVACE_CORS_METHODS}. */
  public static final Setting<List<String>> METHODS = Setting.list("VIVACE_CORS_METHODS", "methods", DEFAULT_METHODS,
      "method names in capitals", Origins::isMethod, "methods a CORS preflight may ask for");
  /** {@code VIVACE_CORS_HEADERS}. */
  public static final Setting<List<String>> HEADERS = Setting.list("VIVACE_CORS_HEADERS", "headers", DEFAULT_HEADERS,
      "header names or *", h -> h.equals("*") || Origins.isToken(h),
      "request headers a CORS preflight may ask for; `*` allows any");
  /** {@code VIVACE_CORS_EXPOSED_HEADERS}. */
  public static final Setting<List<String>> EXPOSED_HEADERS = Setting.list("VIVACE_CORS_EXPOSED_HEADERS", "exposedHeaders",
      DEFAULT_EXPOSED_HEADERS, "header names", Origins::isToken, "response headers a cross-origin page may read");
  /** {@code VIVACE_CORS_MAX_AGE}. */
  public static final Setting<Integer> MAX_AGE = Setting.integer("VIVACE_CORS_MAX_AGE", "maxAgeSeconds",
      DEFAULT_MAX_AGE_SECONDS, 0, 86_400, "seconds a browser may cache a CORS preflight's answer");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(ORIGINS, CREDENTIALS, METHODS, HEADERS, EXPOSED_HEADERS, MAX_AGE);

  private List<String> origins = DEFAULT_ORIGINS;
  private boolean credentials = DEFAULT_CREDENTIALS;
  private List<String> methods = DEFAULT_METHODS;
  private List<String> headers = DEFAULT_HEADERS;
  private List<String> exposedHeaders = DEFAULT_EXPOSED_HEADERS;
  private int maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS;

  /** Options read from system properties and the environment; defaults for what is unset. */
  public static CorsOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}; defaults for what is unset.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static CorsOptions from(Config config) {
    CorsOptions o = new CorsOptions();
    o.origins = ORIGINS.read(config);
    o.credentials = CREDENTIALS.read(config);
    o.methods = METHODS.read(config);
    o.headers = HEADERS.read(config);
    o.exposedHeaders = EXPOSED_HEADERS.read(config);
    o.maxAgeSeconds = MAX_AGE.read(config);
    return o;
  }

  /** Whether CORS is on: some origin is allowed. */
  public boolean enabled() { return !origins.isEmpty(); }

  /** The allowed origins and patterns; empty when CORS is off. */
  public List<String> origins() { return origins; }

  /** @param origins exact origins, patterns or {@code *}; empty turns CORS off */
  public CorsOptions origins(List<String> origins) {
    this.origins = ORIGINS.check(List.copyOf(origins));
    return this;
  }

  /** Same as {@link #origins(List)}. */
  public CorsOptions origins(String... origins) {
    return origins(List.of(origins));
  }

  public boolean credentials() { return credentials; }

  /** @param credentials whether pages may send cookies or HTTP authentication (not with origin {@code *}) */
  public CorsOptions credentials(boolean credentials) {
    this.credentials = credentials;
    return this;
  }

  public List<String> methods() { return methods; }

  /** @param methods the methods a preflight may ask for, in capitals ({@code GET}, {@code HEAD}, {@code POST} are always allowed by the Fetch standard) */
  public CorsOptions methods(List<String> methods) {
    this.methods = METHODS.check(List.copyOf(methods));
    return this;
  }

  public List<String> headers() { return headers; }

  /** @param headers request header names a preflight may ask for, or {@code *} for any */
  public CorsOptions headers(List<String> headers) {
    this.headers = HEADERS.check(List.copyOf(headers));
    return this;
  }

  public List<String> exposedHeaders() { return exposedHeaders; }

  /** @param exposedHeaders response header names a page may read beyond the CORS-safelisted ones; empty for none */
  public CorsOptions exposedHeaders(List<String> exposedHeaders) {
    this.exposedHeaders = EXPOSED_HEADERS.check(List.copyOf(exposedHeaders));
    return this;
  }

  /** Seconds a browser may cache a preflight's answer. */
  public int maxAgeSeconds() { return maxAgeSeconds; }

  /** @param seconds 0..86400 (browsers cap it: Chromium at 7200) */
  public CorsOptions maxAgeSeconds(int seconds) {
    this.maxAgeSeconds = MAX_AGE.check(seconds);
    return this;
  }
}
