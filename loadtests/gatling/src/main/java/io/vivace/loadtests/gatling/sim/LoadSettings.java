package io.vivace.loadtests.gatling.sim;

import java.time.Duration;

/**
 * What a simulation reads from system properties ({@code -Dname=value}), so that every simulation
 * runs from the command line, from the runner ({@code loadtests/run}) or from an IDE the same way.
 *
 * <ul>
 *   <li>{@code baseUrl}: the server under test, default {@value #DEFAULT_BASE_URL};</li>
 *   <li>{@code concurrency}: virtual users of the closed model, each looping on its own keep-alive
 *       connection, default {@value #DEFAULT_CONCURRENCY};</li>
 *   <li>{@code rate}: requests per second of the open model (a new virtual user per request, all
 *       sharing one connection pool); 0, the default, means the closed model;</li>
 *   <li>{@code duration}: seconds measured, default {@value #DEFAULT_DURATION_S};</li>
 *   <li>{@code warmup}: seconds of the same load before, under the request name with
 *       {@value #WARMUP_SUFFIX} appended, default {@value #DEFAULT_WARMUP_S};</li>
 *   <li>{@code queries}: N of {@code /queries}, {@code /updates}, {@code /cached-queries}, default
 *       {@value #DEFAULT_QUERIES};</li>
 *   <li>{@code blogPages} and {@code blogPosts}: the paginated list picks a page in 1..blogPages
 *       ({@value #DEFAULT_BLOG_PAGES}), the eager-loaded post an id in 1..blogPosts
 *       ({@value #DEFAULT_BLOG_POSTS}, the blog's default seed);</li>
 *   <li>{@code jwtSecret}: the HS256 key of the authenticated scenario, default the
 *       {@code JWT_SECRET} environment variable.</li>
 * </ul>
 *
 * @param baseUrl the server, without a trailing slash
 * @param concurrency closed-model users, at least 1
 * @param rate open-model requests per second, 0 for the closed model
 * @param duration the measured time
 * @param warmup the warm-up time, possibly zero
 * @param queries N of the multi-row scenarios, 1..500
 * @param blogPages pages of 20 posts the paginated list picks from
 * @param blogPosts post ids the eager-loaded scenario picks from
 * @param jwtSecret the HS256 key, or null when none is configured
 */
public record LoadSettings(String baseUrl, int concurrency, double rate, Duration duration, Duration warmup,
    int queries, int blogPages, int blogPosts, String jwtSecret) {
  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";
  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_DURATION_S = 30;
  public static final int DEFAULT_WARMUP_S = 10;
  public static final int DEFAULT_QUERIES = 20;
  public static final int DEFAULT_BLOG_PAGES = 50;
  public static final int DEFAULT_BLOG_POSTS = 20_000;
  /** Appended to a request's name during the warm-up, so the measured name has only measured requests. */
  public static final String WARMUP_SUFFIX = " (warm-up)";

  public LoadSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("rate must be 0 (closed model) or positive, got " + rate);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must not be negative, got " + warmup);
    }
    if (queries < 1 || queries > 500) {
      throw new IllegalArgumentException("queries must be in 1..500, got " + queries);
    }
    if (blogPages < 1 || blogPosts < 1) {
      throw new IllegalArgumentException("blogPages and blogPosts must be at least 1, got " + blogPages + ", " + blogPosts);
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The settings from system properties, defaults for those not set. */
  public static LoadSettings fromSystemProperties() {
    String secret = System.getProperty("jwtSecret", System.getenv("JWT_SECRET"));
    return new LoadSettings(
        System.getProperty("baseUrl", DEFAULT_BASE_URL),
        integer("concurrency", DEFAULT_CONCURRENCY),
        Double.parseDouble(System.getProperty("rate", "0")),
        Duration.ofMillis(Math.round(1000 * Double.parseDouble(System.getProperty("duration", "" + DEFAULT_DURATION_S)))),
        Duration.ofMillis(Math.round(1000 * Double.parseDouble(System.getProperty("warmup", "" + DEFAULT_WARMUP_S)))),
        integer("queries", DEFAULT_QUERIES),
        integer("blogPages", DEFAULT_BLOG_PAGES),
        integer("blogPosts", DEFAULT_BLOG_POSTS),
        secret == null || secret.isBlank() ? null : secret);
  }

  /** True for the open model (a target rate), false for the closed model (a concurrency). */
  public boolean open() {
    return rate > 0;
  }

  private static int integer(String name, int fallback) {
    String value = System.getProperty(name);
    try {
      return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " must be an integer, got '" + value + "'", e);
    }
  }
}
