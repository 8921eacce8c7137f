package io.vivace.auth;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Options of authentication: how access tokens are signed and checked (RFC 7519), how long tokens
 * live, how passwords are hashed (Argon2id, RFC 9106) and how logins are throttled. Every field has
 * a documented {@code DEFAULT_*}; {@link #fromEnvironment(Config)} reads them from the environment.
 *
 * <p>There is no built-in secret: {@link #validate()} fails with a {@link ConfigException} naming
 * {@code JWT_SECRET} when it is missing or shorter than {@link #MIN_SECRET_BYTES} bytes, unless
 * {@link #devMode(boolean) dev mode} is on (then a random secret is made per process, so tokens do
 * not survive a restart). Durations are in seconds. Not thread-safe while being set; the auth
 * objects take what they need at creation.
 */
public final class AuthOptions {
  /** The JWS algorithms a server can be configured with (RFC 7518 section 3.1). */
  public enum Algorithm { HS256, RS256, ES256 }

  /** An HS256 secret must have at least this many bytes (RFC 7518 section 3.2: a key of the hash's size). */
  public static final int MIN_SECRET_BYTES = 32;
  /** Signing algorithm: {@code HS256}. Environment {@code JWT_ALGORITHM}. */
  public static final Algorithm DEFAULT_ALGORITHM = Algorithm.HS256;
  /** The {@code iss} claim issued and required: {@value}. Environment {@code JWT_ISSUER}. */
  public static final String DEFAULT_ISSUER = "vivace";
  /** The {@code aud} claim issued and required: {@value}. Environment {@code JWT_AUDIENCE}. */
  public static final String DEFAULT_AUDIENCE = "vivace";
  /** Clock skew allowed on {@code exp}, {@code nbf}, {@code iat}: {@value} s. Environment {@code JWT_CLOCK_SKEW}. */
  public static final long DEFAULT_CLOCK_SKEW = 30;
  /** Access-token lifetime: {@value} s (15 minutes). Environment {@code JWT_ACCESS_TTL}. */
  public static final long DEFAULT_ACCESS_TTL = 900;
  /** Refresh-token lifetime: {@value} s (30 days). Environment {@code AUTH_REFRESH_TTL}. */
  public static final long DEFAULT_REFRESH_TTL = 30L * 24 * 3600;
  /** Verified tokens remembered per event loop (0 turns it off): {@value}. Environment {@code JWT_VERIFIED_CACHE}. */
  public static final int DEFAULT_VERIFIED_CACHE = 1024;
  /** Dev mode (a random per-process secret when none is set): {@value}. Environment {@code AUTH_DEV_MODE}. */
  public static final boolean DEFAULT_DEV_MODE = false;
  /** Argon2id memory: {@value} KiB (19 MiB, the OWASP minimum). Environment {@code ARGON2_MEMORY_KIB}. */
  public static final int DEFAULT_ARGON2_MEMORY_KIB = 19_456;
  /** Argon2id passes: {@value}. Environment {@code ARGON2_ITERATIONS}. */
  public static final int DEFAULT_ARGON2_ITERATIONS = 2;
  /** Argon2id lanes: {@value}. Environment {@code ARGON2_PARALLELISM}. */
  public static final int DEFAULT_ARGON2_PARALLELISM = 1;
  /** Shortest password accepted at signup: {@value} characters. Environment {@code AUTH_PASSWORD_MIN}. */
  public static final int DEFAULT_PASSWORD_MIN = 12;
  /** Longest password accepted: {@value} characters. Environment {@code AUTH_PASSWORD_MAX}. */
  public static final int DEFAULT_PASSWORD_MAX = 128;
  /** The highest {@link #passwordMax()} allowed, {@value} characters: a bound on what a login makes the server hash. */
  public static final int MAX_PASSWORD_MAX = 1024;
  /** Login attempts per client IP per {@link #DEFAULT_IP_WINDOW}: {@value}. Environment {@code AUTH_IP_ATTEMPTS}. */
  public static final int DEFAULT_IP_ATTEMPTS = 30;
  /** The per-IP window: {@value} s. Environment {@code AUTH_IP_WINDOW}. */
  public static final long DEFAULT_IP_WINDOW = 60;
  /** Failed logins of one account within {@link #DEFAULT_FAILURE_WINDOW} that lock it: {@value}. Environment {@code AUTH_MAX_FAILURES}. */
  public static final int DEFAULT_MAX_FAILURES = 5;
  /** The window failures are counted in: {@value} s. Environment {@code AUTH_FAILURE_WINDOW}. */
  public static final long DEFAULT_FAILURE_WINDOW = 900;
  /** How long a locked account stays locked: {@value} s. Environment {@code AUTH_LOCKOUT}. */
  public static final long DEFAULT_LOCKOUT = 900;

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
  private int argon2MemoryKib = DEFAULT_ARGON2_MEMORY_KIB;
  private int argon2Iterations = DEFAULT_ARGON2_ITERATIONS;
  private int argon2Parallelism = DEFAULT_ARGON2_PARALLELISM;
  private int passwordMin = DEFAULT_PASSWORD_MIN;
  private int passwordMax = DEFAULT_PASSWORD_MAX;
  /** Signups per client IP per {@link #DEFAULT_SIGNUP_WINDOW}: {@value}. Environment {@code AUTH_SIGNUP_ATTEMPTS}. */
  public static final int DEFAULT_SIGNUP_ATTEMPTS = 10;
  /** The per-IP signup window, seconds: {@value}. Environment {@code AUTH_SIGNUP_WINDOW}. */
  public static final long DEFAULT_SIGNUP_WINDOW = 60;
  /**
   * Counters and locks the in-process throttle store holds at most (about 100 bytes each): {@value}.
   * Environment {@code AUTH_THROTTLE_ENTRIES}.
   */
  public static final long DEFAULT_THROTTLE_ENTRIES = 100_000;
  private int ipAttempts = DEFAULT_IP_ATTEMPTS;
  private int signupAttempts = DEFAULT_SIGNUP_ATTEMPTS;
  private long signupWindow = DEFAULT_SIGNUP_WINDOW;
  private long throttleEntries = DEFAULT_THROTTLE_ENTRIES;
  private long ipWindow = DEFAULT_IP_WINDOW;
  private int maxFailures = DEFAULT_MAX_FAILURES;
  private long failureWindow = DEFAULT_FAILURE_WINDOW;
  private long lockout = DEFAULT_LOCKOUT;

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
    String alg = config.string("JWT_ALGORITHM", DEFAULT_ALGORITHM.name());
    try {
      o.algorithm = Algorithm.valueOf(alg.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw config.invalid("JWT_ALGORITHM", "HS256, RS256 or ES256", alg);
    }
    o.secret = config.raw("JWT_SECRET");
    o.publicKeyPem = config.raw("JWT_PUBLIC_KEY");
    o.privateKeyPem = config.raw("JWT_PRIVATE_KEY");
    o.issuer = config.string("JWT_ISSUER", DEFAULT_ISSUER);
    o.audience = config.string("JWT_AUDIENCE", DEFAULT_AUDIENCE);
    o.clockSkew = config.longValue("JWT_CLOCK_SKEW", DEFAULT_CLOCK_SKEW, 0, 600);
    o.accessTtl = config.longValue("JWT_ACCESS_TTL", DEFAULT_ACCESS_TTL, 1, 7L * 24 * 3600);
    o.refreshTtl = config.longValue("AUTH_REFRESH_TTL", DEFAULT_REFRESH_TTL, 60, 365L * 24 * 3600);
    o.verifiedCache = config.integer("JWT_VERIFIED_CACHE", DEFAULT_VERIFIED_CACHE, 0, 1 << 20);
    o.devMode = config.bool("AUTH_DEV_MODE", DEFAULT_DEV_MODE);
    o.argon2MemoryKib = config.integer("ARGON2_MEMORY_KIB", DEFAULT_ARGON2_MEMORY_KIB, 8, 4 << 20);
    o.argon2Iterations = config.integer("ARGON2_ITERATIONS", DEFAULT_ARGON2_ITERATIONS, 1, 100);
    o.argon2Parallelism = config.integer("ARGON2_PARALLELISM", DEFAULT_ARGON2_PARALLELISM, 1, 64);
    o.passwordMin = config.integer("AUTH_PASSWORD_MIN", DEFAULT_PASSWORD_MIN, 8, 1024);
    o.passwordMax = config.integer("AUTH_PASSWORD_MAX", DEFAULT_PASSWORD_MAX, 8, MAX_PASSWORD_MAX);
    o.ipAttempts = config.integer("AUTH_IP_ATTEMPTS", DEFAULT_IP_ATTEMPTS, 1, 1_000_000);
    o.ipWindow = config.longValue("AUTH_IP_WINDOW", DEFAULT_IP_WINDOW, 1, 86_400);
    o.maxFailures = config.integer("AUTH_MAX_FAILURES", DEFAULT_MAX_FAILURES, 1, 1000);
    o.failureWindow = config.longValue("AUTH_FAILURE_WINDOW", DEFAULT_FAILURE_WINDOW, 1, 86_400);
    o.lockout = config.longValue("AUTH_LOCKOUT", DEFAULT_LOCKOUT, 1, 86_400);
    o.signupAttempts = config.integer("AUTH_SIGNUP_ATTEMPTS", DEFAULT_SIGNUP_ATTEMPTS, 1, 1_000_000);
    o.signupWindow = config.longValue("AUTH_SIGNUP_WINDOW", DEFAULT_SIGNUP_WINDOW, 1, 86_400);
    o.throttleEntries = config.longValue("AUTH_THROTTLE_ENTRIES", DEFAULT_THROTTLE_ENTRIES, 1, 100_000_000);
    return o.validate();
  }

  /**
   * Checks the key material for the algorithm: an HS256 secret of at least
   * {@link #MIN_SECRET_BYTES} UTF-8 bytes (made up at random in dev mode), or PEM keys for
   * RS256/ES256 (a public key is enough to verify; issuing needs the private key too).
   *
   * @return this
   * @throws ConfigException naming the setting that is missing or too short
   */
  public AuthOptions validate() {
    if (argon2MemoryKib < 8 * argon2Parallelism) {
      throw new ConfigException("ARGON2_MEMORY_KIB (" + argon2MemoryKib + ") must be at least 8 KiB per lane of ARGON2_PARALLELISM ("
          + argon2Parallelism + ")");
    }
    if (passwordMin > passwordMax) {
      throw new ConfigException("AUTH_PASSWORD_MIN (" + passwordMin + ") must not exceed AUTH_PASSWORD_MAX (" + passwordMax + ")");
    }
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

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public Algorithm algorithm() { return algorithm; }

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
    check(issuer != null && !issuer.isBlank(), "issuer must not be blank, got '" + issuer + "'");
    this.issuer = issuer;
    return this;
  }

  public String audience() { return audience; }

  public AuthOptions audience(String audience) {
    check(audience != null && !audience.isBlank(), "audience must not be blank, got '" + audience + "'");
    this.audience = audience;
    return this;
  }

  /** Allowed clock skew, seconds. */
  public long clockSkew() { return clockSkew; }

  public AuthOptions clockSkew(long seconds) {
    check(seconds >= 0 && seconds <= 600, "clockSkew must be 0..600 s, got " + seconds);
    this.clockSkew = seconds;
    return this;
  }

  /** Access-token lifetime, seconds. */
  public long accessTtl() { return accessTtl; }

  public AuthOptions accessTtl(long seconds) {
    check(seconds >= 1, "accessTtl must be at least 1 s, got " + seconds);
    this.accessTtl = seconds;
    return this;
  }

  /** Refresh-token lifetime, seconds. */
  public long refreshTtl() { return refreshTtl; }

  public AuthOptions refreshTtl(long seconds) {
    check(seconds >= 1, "refreshTtl must be at least 1 s, got " + seconds);
    this.refreshTtl = seconds;
    return this;
  }

  /** Verified tokens remembered per event loop; 0 verifies every request afresh. */
  public int verifiedCache() { return verifiedCache; }

  public AuthOptions verifiedCache(int entries) {
    check(entries >= 0, "verifiedCache must be >= 0, got " + entries);
    this.verifiedCache = entries;
    return this;
  }

  public boolean devMode() { return devMode; }

  public AuthOptions devMode(boolean on) {
    this.devMode = on;
    return this;
  }

  /** Argon2id memory, KiB. */
  public int argon2MemoryKib() { return argon2MemoryKib; }

  /** Argon2id passes. */
  public int argon2Iterations() { return argon2Iterations; }

  /** Argon2id lanes. */
  public int argon2Parallelism() { return argon2Parallelism; }

  /** Sets the Argon2id cost: memory in KiB (at least 8 per lane), passes, lanes. */
  public AuthOptions argon2(int memoryKib, int iterations, int parallelism) {
    check(parallelism >= 1 && parallelism <= 64, "argon2 parallelism must be 1..64, got " + parallelism);
    check(memoryKib >= 8 * parallelism, "argon2 memory must be at least 8 KiB per lane, got " + memoryKib);
    check(iterations >= 1, "argon2 iterations must be >= 1, got " + iterations);
    this.argon2MemoryKib = memoryKib;
    this.argon2Iterations = iterations;
    this.argon2Parallelism = parallelism;
    return this;
  }

  public int passwordMin() { return passwordMin; }

  public int passwordMax() { return passwordMax; }

  /** The password length policy, in characters: {@code min..max}. */
  public AuthOptions passwordLength(int min, int max) {
    check(min >= 1 && min <= max, "password length must be 1 <= min <= max, got " + min + ".." + max);
    check(max <= MAX_PASSWORD_MAX, "password max must be at most " + MAX_PASSWORD_MAX + " characters, got " + max);
    this.passwordMin = min;
    this.passwordMax = max;
    return this;
  }

  public int ipAttempts() { return ipAttempts; }

  /** Per-IP window, seconds. */
  public long ipWindow() { return ipWindow; }

  /** At most {@code attempts} logins per client IP per {@code windowSeconds}. */
  public AuthOptions ipLimit(int attempts, long windowSeconds) {
    check(attempts >= 1 && windowSeconds >= 1, "ipLimit needs attempts >= 1 and window >= 1 s, got " + attempts + "/" + windowSeconds);
    this.ipAttempts = attempts;
    this.ipWindow = windowSeconds;
    return this;
  }

  public int maxFailures() { return maxFailures; }

  /** Failure window, seconds. */
  public long failureWindow() { return failureWindow; }

  /** Lockout duration, seconds. */
  public long lockout() { return lockout; }

  /** {@code failures} failed logins within {@code windowSeconds} lock the account for {@code lockoutSeconds}. */
  public AuthOptions lockoutAfter(int failures, long windowSeconds, long lockoutSeconds) {
    check(failures >= 1 && windowSeconds >= 1 && lockoutSeconds >= 1,
        "lockoutAfter needs positive values, got " + failures + ", " + windowSeconds + ", " + lockoutSeconds);
    this.maxFailures = failures;
    this.failureWindow = windowSeconds;
    this.lockout = lockoutSeconds;
    return this;
  }

  public int signupAttempts() { return signupAttempts; }

  /** Per-IP signup window, seconds. */
  public long signupWindow() { return signupWindow; }

  /** At most {@code attempts} signups per client IP per {@code windowSeconds}. */
  public AuthOptions signupLimit(int attempts, long windowSeconds) {
    check(attempts >= 1 && windowSeconds >= 1, "signupLimit needs attempts >= 1 and window >= 1 s, got " + attempts + "/" + windowSeconds);
    this.signupAttempts = attempts;
    this.signupWindow = windowSeconds;
    return this;
  }

  /** Entries the in-process throttle store holds at most. */
  public long throttleEntries() { return throttleEntries; }

  public AuthOptions throttleEntries(long entries) {
    check(entries >= 1, "throttleEntries must be >= 1, got " + entries);
    this.throttleEntries = entries;
    return this;
  }
}
