package io.vivace.auth;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.Setting;
import java.nio.charset.StandardCharsets;

/**
 * Options of authentication: how access tokens are signed and checked (RFC 7519), how long tokens
 * live, how passwords are hashed (Argon2id, RFC 9106) and how logins are throttled. Every field has
 * a documented {@code DEFAULT_*} and one {@link Setting} declaration, grouped in
 * {@link TokenSettings}, {@link PasswordSettings} and {@link ThrottleSettings} (this class
 * implements them, so {@code AuthOptions.DEFAULT_*} names them all; all in {@link #SETTINGS});
 * {@link #fromEnvironment(Config)} reads them from the environment and setters check through the
 * same declarations.
 *
 * <p>There is no built-in secret: {@link #validate()} fails with a {@link ConfigException} naming
 * {@code JWT_SECRET} when it is missing or shorter than {@link #MIN_SECRET_BYTES} bytes, unless
 * {@link #devMode(boolean) dev mode} is on (then a random secret is made per process, so tokens do
 * not survive a restart). Durations are in seconds. Not thread-safe while being set; the auth
 * objects take what they need at creation.
 */
public final class AuthOptions implements TokenSettings, PasswordSettings, ThrottleSettings {
  /** The JWS algorithms a server can be configured with (RFC 7518 section 3.1). */
  public enum Algorithm { HS256, RS256, ES256 }

  /** Every setting of these options, in the order docs/configuration.md lists them: token, password, throttle. */
  public static final java.util.List<Setting<?>> SETTINGS = java.util.stream.Stream.of(
      TOKEN_SETTINGS, PASSWORD_SETTINGS, THROTTLE_SETTINGS).<Setting<?>>flatMap(java.util.List::stream).toList();

  private ExternalIssuerOptions externalIssuer;
  private Algorithm algorithm = DEFAULT_ALGORITHM;
  private String secret;
  private String publicKeyPem;
  private String privateKeyPem;
  private String issuer = DEFAULT_ISSUER;
  private String audience = DEFAULT_AUDIENCE;
  private long clockSkew = DEFAULT_CLOCK_SKEW;
  private long accessTtl = DEFAULT_ACCESS_TTL;
  private long refreshTtl = DEFAULT_REFRESH_TTL;
  private int verifiedCache = DEFAULT_VERIFIED_CACHE;
  private boolean devMode = DEFAULT_DEV_MODE;
  private PasswordOptions password = new PasswordOptions();
  private ThrottleOptions throttle = new ThrottleOptions();

  /** Options with every field at its {@code DEFAULT_*} value (and no secret); {@link #fromEnvironment()} reads them instead. */
  public AuthOptions() {
  }

  /** Options from the process environment and system properties, validated. */
  public static AuthOptions fromEnvironment() {
    return fromEnvironment(Config.system());
  }

  /**
   * Options from {@code config}: {@code JWT_SECRET}, {@code JWT_ALGORITHM}, {@code JWT_PUBLIC_KEY}
   * and {@code JWT_PRIVATE_KEY} (PEM text), and the settings named on each {@code DEFAULT_*}.
   *
   * @throws ConfigException naming the setting on a bad or missing value
   */
  public static AuthOptions fromEnvironment(Config config) {
    AuthOptions o = new AuthOptions();
    o.algorithm = ALGORITHM.read(config);
    o.secret = SECRET.read(config);
    o.publicKeyPem = PUBLIC_KEY.read(config);
    o.privateKeyPem = PRIVATE_KEY.read(config);
    o.issuer = ISSUER.read(config);
    o.audience = AUDIENCE.read(config);
    o.clockSkew = CLOCK_SKEW.read(config);
    o.accessTtl = ACCESS_TTL.read(config);
    o.refreshTtl = REFRESH_TTL.read(config);
    o.verifiedCache = VERIFIED_CACHE.read(config);
    o.devMode = DEV_MODE.read(config);
    o.password = PasswordOptions.fromEnvironment(config);
    o.throttle = ThrottleOptions.fromEnvironment(config);
    o.externalIssuer = ExternalIssuerOptions.fromEnvironment(config);
    return o.validate();
  }

  /**
   * Checks the password options' combinations ({@link PasswordOptions#validate()}) and the key
   * material for the algorithm: an HS256 secret of at least
   * {@link #MIN_SECRET_BYTES} UTF-8 bytes (made up at random in dev mode), or PEM keys for
   * RS256/ES256 (a public key is enough to verify; issuing needs the private key too).
   *
   * @return this
   * @throws ConfigException naming the setting that is missing or too short
   */
  public AuthOptions validate() {
    password.validate();
    if (algorithm == Algorithm.HS256) {
      if (secret == null && devMode) {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        secret = java.util.HexFormat.of().formatHex(random);
      }
      if (secret == null) {
        throw new ConfigException("JWT_SECRET is not set: HS256 tokens need a secret of at least " + MIN_SECRET_BYTES
            + " bytes (e.g. `openssl rand -hex 32`); set AUTH_DEV_MODE=true only on a developer machine to use a random one");
      }
      int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
      if (bytes < MIN_SECRET_BYTES) {
        throw new ConfigException("JWT_SECRET is too short: " + bytes + " bytes, at least " + MIN_SECRET_BYTES
            + " are needed for HS256 (e.g. `openssl rand -hex 32`)");
      }
    } else if (publicKeyPem == null) {
      throw new ConfigException("JWT_PUBLIC_KEY is not set: " + algorithm + " needs a PEM public key");
    }
    return this;
  }

  public Algorithm algorithm() { return algorithm; }

  /** The external OpenID provider whose tokens are also accepted, or null (the {@code JWT_JWKS_*} settings). */
  public ExternalIssuerOptions externalIssuer() { return externalIssuer; }

  /** Also accepts tokens of the provider {@code external} describes (null: none). Needs {@link Auth#attach}, which fetches its keys. */
  public AuthOptions externalIssuer(ExternalIssuerOptions external) {
    this.externalIssuer = external;
    return this;
  }

  public AuthOptions algorithm(Algorithm algorithm) {
    this.algorithm = java.util.Objects.requireNonNull(algorithm, "algorithm");
    return this;
  }

  /** The HS256 secret (UTF-8 bytes of this text), or null. */
  public String secret() { return secret; }

  public AuthOptions secret(String secret) {
    this.secret = secret;
    return this;
  }

  /** The RS256/ES256 public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), or null. */
  public String publicKeyPem() { return publicKeyPem; }

  public AuthOptions publicKeyPem(String pem) {
    this.publicKeyPem = pem;
    return this;
  }

  /** The RS256/ES256 private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), or null (verify only). */
  public String privateKeyPem() { return privateKeyPem; }

  public AuthOptions privateKeyPem(String pem) {
    this.privateKeyPem = pem;
    return this;
  }

  public String issuer() { return issuer; }

  public AuthOptions issuer(String issuer) {
    this.issuer = ISSUER.check(issuer);
    return this;
  }

  public String audience() { return audience; }

  public AuthOptions audience(String audience) {
    this.audience = AUDIENCE.check(audience);
    return this;
  }

  /** Allowed clock skew, seconds. */
  public long clockSkew() { return clockSkew; }

  public AuthOptions clockSkew(long seconds) {
    this.clockSkew = CLOCK_SKEW.check(seconds);
    return this;
  }

  /** Access-token lifetime, seconds. */
  public long accessTtl() { return accessTtl; }

  public AuthOptions accessTtl(long seconds) {
    this.accessTtl = ACCESS_TTL.check(seconds);
    return this;
  }

  /** Refresh-token lifetime, seconds. */
  public long refreshTtl() { return refreshTtl; }

  public AuthOptions refreshTtl(long seconds) {
    this.refreshTtl = REFRESH_TTL.check(seconds);
    return this;
  }

  /** Verified tokens remembered per event loop; 0 verifies every request afresh. */
  public int verifiedCache() { return verifiedCache; }

  public AuthOptions verifiedCache(int entries) {
    this.verifiedCache = VERIFIED_CACHE.check(entries);
    return this;
  }

  public boolean devMode() { return devMode; }

  public AuthOptions devMode(boolean on) {
    this.devMode = on;
    return this;
  }

  /** The password hashing and length options (the same object: setting them sets these options'). */
  public PasswordOptions password() { return password; }

  /** Uses {@code password} for hashing and the length policy. */
  public AuthOptions password(PasswordOptions password) {
    this.password = java.util.Objects.requireNonNull(password, "password");
    return this;
  }

  /** {@link PasswordOptions#argon2MemoryKib()}, KiB. */
  public int argon2MemoryKib() { return password.argon2MemoryKib(); }

  /** {@link PasswordOptions#argon2Iterations()}. */
  public int argon2Iterations() { return password.argon2Iterations(); }

  /** {@link PasswordOptions#argon2Parallelism()}. */
  public int argon2Parallelism() { return password.argon2Parallelism(); }

  /** {@link PasswordOptions#argon2}: the Argon2id cost, memory in KiB (at least 8 per lane), passes, lanes. */
  public AuthOptions argon2(int memoryKib, int iterations, int parallelism) {
    password.argon2(memoryKib, iterations, parallelism);
    return this;
  }

  /** {@link PasswordOptions#passwordMin()}, characters. */
  public int passwordMin() { return password.passwordMin(); }

  /** {@link PasswordOptions#passwordMax()}, characters. */
  public int passwordMax() { return password.passwordMax(); }

  /** {@link PasswordOptions#passwordLength}: the length policy in characters, {@code min..max}. */
  public AuthOptions passwordLength(int min, int max) {
    password.passwordLength(min, max);
    return this;
  }

  /** The login and signup throttle's options (the same object: setting them sets these options'). */
  public ThrottleOptions throttle() { return throttle; }

  /** Uses {@code throttle} for the login and signup throttle. */
  public AuthOptions throttle(ThrottleOptions throttle) {
    this.throttle = java.util.Objects.requireNonNull(throttle, "throttle");
    return this;
  }

  /** {@link ThrottleOptions#ipAttempts()}. */
  public int ipAttempts() { return throttle.ipAttempts(); }

  /** {@link ThrottleOptions#ipWindow()}, seconds. */
  public long ipWindow() { return throttle.ipWindow(); }

  /** {@link ThrottleOptions#ipLimit}: at most {@code attempts} logins per client IP per {@code windowSeconds}. */
  public AuthOptions ipLimit(int attempts, long windowSeconds) {
    throttle.ipLimit(attempts, windowSeconds);
    return this;
  }

  /** {@link ThrottleOptions#maxFailures()}. */
  public int maxFailures() { return throttle.maxFailures(); }

  /** {@link ThrottleOptions#failureWindow()}, seconds. */
  public long failureWindow() { return throttle.failureWindow(); }

  /** {@link ThrottleOptions#lockout()}, seconds. */
  public long lockout() { return throttle.lockout(); }

  /** {@link ThrottleOptions#lockoutAfter}: {@code failures} within {@code windowSeconds} lock the account for {@code lockoutSeconds}. */
  public AuthOptions lockoutAfter(int failures, long windowSeconds, long lockoutSeconds) {
    throttle.lockoutAfter(failures, windowSeconds, lockoutSeconds);
    return this;
  }

  /** {@link ThrottleOptions#signupAttempts()}. */
  public int signupAttempts() { return throttle.signupAttempts(); }

  /** {@link ThrottleOptions#signupWindow()}, seconds. */
  public long signupWindow() { return throttle.signupWindow(); }

  /** {@link ThrottleOptions#signupLimit}: at most {@code attempts} signups per client IP per {@code windowSeconds}. */
  public AuthOptions signupLimit(int attempts, long windowSeconds) {
    throttle.signupLimit(attempts, windowSeconds);
    return this;
  }

  /** {@link ThrottleOptions#throttleEntries()}. */
  public long throttleEntries() { return throttle.throttleEntries(); }

  /** {@link ThrottleOptions#throttleEntries(long)}. */
  public AuthOptions throttleEntries(long entries) {
    throttle.throttleEntries(entries);
    return this;
  }
}
