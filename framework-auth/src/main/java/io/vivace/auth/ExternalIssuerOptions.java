package io.vivace.auth;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.Setting;
import java.net.URI;
import java.util.List;

/**
 * An external OpenID provider whose access tokens this server also accepts (OpenID Connect
 * Discovery's {@code jwks_uri}, RFC 7517 JWK Sets): its JWKS URL, the {@code iss} its tokens
 * carry, the {@code aud} they must name, and how its keys are refreshed. Off unless
 * {@code JWT_JWKS_URL} is set. Keys are fetched when the app starts and every
 * {@link #DEFAULT_REFRESH} seconds; a token signed with a {@code kid} not in the cache asks for a
 * refresh at once, at most once per {@link #DEFAULT_MIN_INTERVAL} seconds, and is refused (401)
 * meanwhile. Only RS256 and ES256 (P-256) keys are used. Durations in seconds. Not thread-safe
 * while being set.
 */
public final class ExternalIssuerOptions {
  /** Refresh period of the provider's keys: {@value} s. Environment {@code JWT_JWKS_REFRESH}. */
  public static final long DEFAULT_REFRESH = 3600;
  /** Fewest seconds between two fetches of the provider's keys (the unknown-kid rate limit): {@value} s. Environment {@code JWT_JWKS_MIN_INTERVAL}. */
  public static final long DEFAULT_MIN_INTERVAL = 30;
  /** Largest JWK Set document read: {@value} bytes. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  /** {@code JWT_JWKS_URL}. */
  public static final Setting<String> URL = Setting.of("JWT_JWKS_URL", "url", null,
      "an https URL (http only to a loopback host)", raw -> raw.trim(), ExternalIssuerOptions::acceptableUrl,
      "JWK Set URL of an external OpenID provider whose tokens are also accepted (unset: off)");
  /** {@code JWT_JWKS_ISSUER}. */
  public static final Setting<String> ISSUER = Setting.string("JWT_JWKS_ISSUER", "issuer", null,
      "the `iss` of the external provider's tokens (required with JWT_JWKS_URL)");
  /** {@code JWT_JWKS_AUDIENCE}. */
  public static final Setting<String> AUDIENCE = Setting.string("JWT_JWKS_AUDIENCE", "audience", null,
      "the `aud` the external provider's tokens must name (unset: JWT_AUDIENCE)");
  /** {@code JWT_JWKS_REFRESH}. */
  public static final Setting<Long> REFRESH = Setting.longValue("JWT_JWKS_REFRESH", "refresh", DEFAULT_REFRESH,
      10, 86_400, "seconds between fetches of the external provider's keys");
  /** {@code JWT_JWKS_MIN_INTERVAL}. */
  public static final Setting<Long> MIN_INTERVAL = Setting.longValue("JWT_JWKS_MIN_INTERVAL", "minInterval",
      DEFAULT_MIN_INTERVAL, 1, 3600, "fewest seconds between two fetches when a token names an unknown `kid`");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(URL, ISSUER, AUDIENCE, REFRESH, MIN_INTERVAL);

  private String url;
  private String issuer;
  private String audience;
  private long refresh = DEFAULT_REFRESH;
  private long minInterval = DEFAULT_MIN_INTERVAL;

  /**
   * The provider from the environment, or null when {@code JWT_JWKS_URL} is unset.
   *
   * @throws ConfigException naming the setting that is bad or missing
   */
  public static ExternalIssuerOptions fromEnvironment(Config config) {
    String url = URL.read(config);
    if (url == null) {
      return null;
    }
    ExternalIssuerOptions o = new ExternalIssuerOptions();
    o.url = url;
    o.issuer = ISSUER.read(config);
    o.audience = AUDIENCE.read(config);
    o.refresh = REFRESH.read(config);
    o.minInterval = MIN_INTERVAL.read(config);
    if (o.issuer == null) {
      throw new ConfigException("JWT_JWKS_ISSUER is not set: JWT_JWKS_URL needs the `iss` of the provider's tokens");
    }
    return o;
  }

  /** A provider at {@code url} whose tokens carry {@code issuer}. */
  public static ExternalIssuerOptions of(String url, String issuer) {
    ExternalIssuerOptions o = new ExternalIssuerOptions();
    o.url = URL.check(url);
    o.issuer = ISSUER.check(issuer);
    return o;
  }

  static boolean acceptableUrl(String raw) {
    try {
      URI u = new URI(raw);
      String host = u.getHost();
      if (host == null) {
        return false;
      }
      if ("https".equals(u.getScheme())) {
        return true;
      }
      return "http".equals(u.getScheme()) && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return false;
    }
  }

  /** The JWK Set URL. */
  public String url() { return url; }

  /** The {@code iss} of the provider's tokens. */
  public String issuer() { return issuer; }

  /** The {@code aud} required, or null for the server's own {@link AuthOptions#audience()}. */
  public String audience() { return audience; }

  public ExternalIssuerOptions audience(String audience) {
    this.audience = AUDIENCE.check(audience);
    return this;
  }

  /** Seconds between periodic fetches. */
  public long refresh() { return refresh; }

  public ExternalIssuerOptions refresh(long seconds) {
    this.refresh = REFRESH.check(seconds);
    return this;
  }

  /** Fewest seconds between two fetches. */
  public long minInterval() { return minInterval; }

  public ExternalIssuerOptions minInterval(long seconds) {
    this.minInterval = MIN_INTERVAL.check(seconds);
    return this;
  }
}
