package io.vivace.auth;

import io.vivace.auth.AuthOptions.Algorithm;
import io.vivace.config.Setting;
import java.util.List;
import java.util.Locale;

/**
 * The declarations of the token settings (RFC 7519 access tokens, RFC 7518 algorithms and keys,
 * lifetimes, the verified-token cache, dev mode): each {@code DEFAULT_*} and its one
 * {@link Setting}. {@link AuthOptions} implements this interface, so {@code AuthOptions.DEFAULT_ISSUER}
 * and {@code AuthOptions.ISSUER} name the same constants; it is sealed, nothing else implements it.
 * Durations in seconds.
 */
public sealed interface TokenSettings permits AuthOptions {
  /** An HS256 secret must have at least this many bytes (RFC 7518 section 3.2: a key of the hash's size). */
  int MIN_SECRET_BYTES = 32;
  /** Signing algorithm: {@code HS256}. Environment {@code JWT_ALGORITHM}. */
  Algorithm DEFAULT_ALGORITHM = Algorithm.HS256;
  /** The {@code iss} claim issued and required: {@value}. Environment {@code JWT_ISSUER}. */
  String DEFAULT_ISSUER = "vivace";
  /** The {@code aud} claim issued and required: {@value}. Environment {@code JWT_AUDIENCE}. */
  String DEFAULT_AUDIENCE = "vivace";
  /** Clock skew allowed on {@code exp}, {@code nbf}, {@code iat}: {@value} s. Environment {@code JWT_CLOCK_SKEW}. */
  long DEFAULT_CLOCK_SKEW = 30;
  /** Access-token lifetime: {@value} s (15 minutes). Environment {@code JWT_ACCESS_TTL}. */
  long DEFAULT_ACCESS_TTL = 900;
  /** Refresh-token lifetime: {@value} s (30 days). Environment {@code AUTH_REFRESH_TTL}. */
  long DEFAULT_REFRESH_TTL = 30L * 24 * 3600;
  /** Verified tokens remembered per event loop (0 turns it off): {@value}. Environment {@code JWT_VERIFIED_CACHE}. */
  int DEFAULT_VERIFIED_CACHE = 1024;
  /** Dev mode (a random per-process secret when none is set): {@value}. Environment {@code AUTH_DEV_MODE}. */
  boolean DEFAULT_DEV_MODE = false;

  /** {@code JWT_ALGORITHM}. */
  Setting<Algorithm> ALGORITHM = Setting.of("JWT_ALGORITHM", "algorithm", DEFAULT_ALGORITHM,
      "HS256, RS256 or ES256", raw -> Algorithm.valueOf(raw.toUpperCase(Locale.ROOT)), java.util.Objects::nonNull,
      "JWS algorithm of access tokens (RFC 7518)");
  /** {@code JWT_SECRET}: never shown in messages. */
  Setting<String> SECRET = Setting.string("JWT_SECRET", "secret", null,
      "HS256 secret, at least 32 bytes (`openssl rand -hex 32`); required unless AUTH_DEV_MODE").secret();
  /** {@code JWT_PUBLIC_KEY}. */
  Setting<String> PUBLIC_KEY = Setting.string("JWT_PUBLIC_KEY", "publicKeyPem", null,
      "RS256/ES256 public key(s), PEM text; several for rotation, the first pairs with JWT_PRIVATE_KEY and signs");
  /** {@code JWT_PRIVATE_KEY}: never shown in messages. */
  Setting<String> PRIVATE_KEY = Setting.string("JWT_PRIVATE_KEY", "privateKeyPem", null,
      "RS256/ES256 private key, PKCS#8 PEM text (unset: verify only)").secret();
  /** {@code JWT_ISSUER}. */
  Setting<String> ISSUER = Setting.string("JWT_ISSUER", "issuer", DEFAULT_ISSUER,
      "the `iss` claim issued and required");
  /** {@code JWT_AUDIENCE}. */
  Setting<String> AUDIENCE = Setting.string("JWT_AUDIENCE", "audience", DEFAULT_AUDIENCE,
      "the `aud` claim issued and required");
  /** {@code JWT_CLOCK_SKEW}. */
  Setting<Long> CLOCK_SKEW = Setting.longValue("JWT_CLOCK_SKEW", "clockSkew", DEFAULT_CLOCK_SKEW,
      0, 600, "seconds of clock skew allowed on `exp`, `nbf`, `iat`");
  /** {@code JWT_ACCESS_TTL}. */
  Setting<Long> ACCESS_TTL = Setting.longValue("JWT_ACCESS_TTL", "accessTtl", DEFAULT_ACCESS_TTL,
      1, 7L * 24 * 3600, "access-token lifetime, seconds");
  /** {@code AUTH_REFRESH_TTL}. */
  Setting<Long> REFRESH_TTL = Setting.longValue("AUTH_REFRESH_TTL", "refreshTtl", DEFAULT_REFRESH_TTL,
      60, 365L * 24 * 3600, "refresh-token lifetime, seconds");
  /** {@code JWT_VERIFIED_CACHE}. */
  Setting<Integer> VERIFIED_CACHE = Setting.integer("JWT_VERIFIED_CACHE", "verifiedCache",
      DEFAULT_VERIFIED_CACHE, 0, 1 << 20, "verified tokens remembered per event loop; 0 turns it off");
  /** {@code AUTH_DEV_MODE}. */
  Setting<Boolean> DEV_MODE = Setting.bool("AUTH_DEV_MODE", "devMode", DEFAULT_DEV_MODE,
      "a random per-process secret when JWT_SECRET is unset (developer machines only)");

  /** The token settings, in the order docs/configuration.md lists them. */
  List<Setting<?>> TOKEN_SETTINGS = List.of(ALGORITHM, SECRET, PUBLIC_KEY, PRIVATE_KEY, ISSUER, AUDIENCE,
      CLOCK_SKEW, ACCESS_TTL, REFRESH_TTL, VERIFIED_CACHE, DEV_MODE);
}
