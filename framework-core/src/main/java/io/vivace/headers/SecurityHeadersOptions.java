package io.vivace.headers;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;
import java.util.Set;

/**
 * The security-headers preset: response headers that tell browsers to be stricter with this
 * API's answers, added to every response (404s and preflights included) when {@link #enabled()}:
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff} (Fetch standard): no MIME sniffing;</li>
 *   <li>{@code Referrer-Policy} (W3C Referrer Policy), {@link #referrerPolicy()};</li>
 *   <li>{@code Content-Security-Policy} (W3C CSP Level 3), {@link #contentSecurityPolicy()}, by
 *       default {@code frame-ancestors 'none'}: no page may frame the answers (clickjacking);</li>
 *   <li>{@code Strict-Transport-Security} (RFC 6797) with {@code max-age} =
 *       {@link #hstsMaxAgeSeconds()}, only on requests that came over TLS (the RFC ignores it over
 *       plain HTTP).</li>
 * </ul>
 * Off by default; on in code ({@code app.securityHeaders(options)}) or by
 * {@code VIVACE_SECURITY_HEADERS}. Every field has a documented {@code DEFAULT_*} and one
 * {@link Setting} declaration (all in {@link #SETTINGS}); values are pre-encoded once at start. Not
 * thread-safe: configure, then start.
 */
public final class SecurityHeadersOptions {
  /** Whether the preset is on: {@value}. Environment {@code VIVACE_SECURITY_HEADERS}. */
  public static final boolean DEFAULT_ENABLED = false;
  /** {@code Referrer-Policy}: {@value}. Environment {@code VIVACE_SECURITY_REFERRER_POLICY}. */
  public static final String DEFAULT_REFERRER_POLICY = "no-referrer";
  /** {@code Content-Security-Policy}: {@value}. Environment {@code VIVACE_SECURITY_CSP}. */
  public static final String DEFAULT_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";
  /** {@code Strict-Transport-Security} max-age over TLS: {@value} s (one year); 0 leaves it out. Environment {@code VIVACE_SECURITY_HSTS_MAX_AGE}. */
  public static final long DEFAULT_HSTS_MAX_AGE_SECONDS = 31_536_000;

  /** The values of {@code Referrer-Policy} (W3C Referrer Policy), and {@code off}. */
  public static final Set<String> REFERRER_POLICIES = Set.of("no-referrer", "no-referrer-when-downgrade", "same-origin",
      "origin", "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url", "off");

  /** {@code VIVACE_SECURITY_HEADERS}. */
  public static final Setting<Boolean> ENABLED = Setting.bool("VIVACE_SECURITY_HEADERS", "enabled", DEFAULT_ENABLED,
      "the security-headers preset: `X-Content-Type-Options: nosniff`, `Referrer-Policy`, `Content-Security-Policy`, HSTS over TLS");
  /** {@code VIVACE_SECURITY_REFERRER_POLICY}. */
  public static final Setting<String> REFERRER_POLICY = Setting.of("VIVACE_SECURITY_REFERRER_POLICY", "referrerPolicy",
      DEFAULT_REFERRER_POLICY, "a Referrer-Policy value (no-referrer, strict-origin-when-cross-origin, ...) or off",
      raw -> raw, REFERRER_POLICIES::contains, "`Referrer-Policy` of the preset; `off` leaves it out");
  /** {@code VIVACE_SECURITY_CSP}. */
  public static final Setting<String> CONTENT_SECURITY_POLICY = Setting.of("VIVACE_SECURITY_CSP", "contentSecurityPolicy",
      DEFAULT_CONTENT_SECURITY_POLICY, "a Content-Security-Policy of visible ASCII or off", raw -> raw,
      SecurityHeadersOptions::isHeaderValue, "`Content-Security-Policy` of the preset; `off` leaves it out");
  /** {@code VIVACE_SECURITY_HSTS_MAX_AGE}. */
  public static final Setting<Long> HSTS_MAX_AGE = Setting.longValue("VIVACE_SECURITY_HSTS_MAX_AGE", "hstsMaxAgeSeconds",
      DEFAULT_HSTS_MAX_AGE_SECONDS, 0, 315_360_000, "`Strict-Transport-Security` max-age of the preset, seconds, sent over TLS only; 0 leaves it out");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(ENABLED, REFERRER_POLICY, CONTENT_SECURITY_POLICY, HSTS_MAX_AGE);

  private boolean enabled = DEFAULT_ENABLED;
  private String referrerPolicy = DEFAULT_REFERRER_POLICY;
  private String contentSecurityPolicy = DEFAULT_CONTENT_SECURITY_POLICY;
  private long hstsMaxAgeSeconds = DEFAULT_HSTS_MAX_AGE_SECONDS;

  /** Options read from system properties and the environment; defaults for what is unset. */
  public static SecurityHeadersOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}; defaults for what is unset.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static SecurityHeadersOptions from(Config config) {
    SecurityHeadersOptions o = new SecurityHeadersOptions();
    o.enabled = ENABLED.read(config);
    o.referrerPolicy = REFERRER_POLICY.read(config);
    o.contentSecurityPolicy = CONTENT_SECURITY_POLICY.read(config);
    o.hstsMaxAgeSeconds = HSTS_MAX_AGE.read(config);
    return o;
  }

  /** Whether the preset is on. */
  public boolean enabled() { return enabled; }

  public SecurityHeadersOptions enabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  /** The {@code Referrer-Policy} value, or {@code off}. */
  public String referrerPolicy() { return referrerPolicy; }

  /** @param policy one of {@link #REFERRER_POLICIES} ({@code off}: no header) */
  public SecurityHeadersOptions referrerPolicy(String policy) {
    this.referrerPolicy = REFERRER_POLICY.check(policy);
    return this;
  }

  /** The {@code Content-Security-Policy} value, or {@code off}. */
  public String contentSecurityPolicy() { return contentSecurityPolicy; }

  /** @param policy a policy in visible ASCII and spaces ({@code off}: no header) */
  public SecurityHeadersOptions contentSecurityPolicy(String policy) {
    this.contentSecurityPolicy = CONTENT_SECURITY_POLICY.check(policy);
    return this;
  }

  /** HSTS max-age in seconds; 0: no {@code Strict-Transport-Security}. */
  public long hstsMaxAgeSeconds() { return hstsMaxAgeSeconds; }

  /** @param seconds 0 (no header) to 315360000 (ten years) */
  public SecurityHeadersOptions hstsMaxAgeSeconds(long seconds) {
    this.hstsMaxAgeSeconds = HSTS_MAX_AGE.check(seconds);
    return this;
  }

  private static boolean isHeaderValue(String v) {
    if (v == null || v.isBlank()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
