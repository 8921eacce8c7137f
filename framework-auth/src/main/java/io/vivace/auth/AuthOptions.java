package io.vivace.auth;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.Setting;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Options of authentication: how access tokens are signed and checked (RFC 7519), how long tokens
 * live, how passwords are hashed (Argon2id, RFC 9106) and how logins are throttled. Every field has
 * a documented {@code DEFAULT_*} and one {@link Setting} declaration (all in {@link #SETTINGS});
 * {@link #fromEnvironment(Config)} reads them from the environment and setters check through the
 * same declarations.
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
  /** Signups per client IP per {@link #DEFAULT_SIGNUP_WINDOW}: {@value}. Environment {@code AUTH_SIGNUP_ATTEMPTS}. */
  public static final int DEFAULT_SIGNUP_ATTEMPTS = 10;
  /** The per-IP signup window, seconds: {@value}. Environment {@code AUTH_SIGNUP_WINDOW}. */
  public static final long DEFAULT_SIGNUP_WINDOW = 60;
  /**
   * Counters and locks the in-process throttle store holds at most (about 100 bytes each): {@value}.
   * Environment {@code AUTH_THROTTLE_ENTRIES}.
   */
  public static final long DEFAULT_THROTTLE_ENTRIES = 100_000;
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

  /** {@code JWT_ALGORITHM}. */
  public static final Setting<Algorithm> ALGORITHM = Setting.of("JWT_ALGORITHM", "algorithm", DEFAULT_ALGORITHM,
      "HS256, RS256 or ES256", raw -> Algorithm.valueOf(raw.toUpperCase(Locale.ROOT)), java.util.Objects::nonNull,
      "JWS algorithm of access tokens (RFC 7518)");
  /** {@code JWT_SECRET}: never shown in messages. */
  public static final Setting<String> SECRET = Setting.string("JWT_SECRET", "secret", null,
      "HS256 secret, at least 32 bytes (`openssl rand -hex 32`); required unless AUTH_DEV_MODE").secret();
  /** {@code JWT_PUBLIC_KEY}. */
  public static final Setting<String> PUBLIC_KEY = Setting.string("JWT_PUBLIC_KEY", "publicKeyPem", null,
      "RS256/ES256 public key(s), PEM text; several for rotation, the first pairs with JWT_PRIVATE_KEY and signs");
  /** {@code JWT_PRIVATE_KEY}: never shown in messages. */
  public static final Setting<String> PRIVATE_KEY = Setting.string("JWT_PRIVATE_KEY", "privateKeyPem", null,
      "RS256/ES256 private key, PKCS#8 PEM text (unset: verify only)").secret();
  /** {@code JWT_ISSUER}. */
  public static final Setting<String> ISSUER = Setting.string("JWT_ISSUER", "issuer", DEFAULT_ISSUER,
      "the `iss` claim issued and required");
  /** {@code JWT_AUDIENCE}. */
  public static final Setting<String> AUDIENCE = Setting.string("JWT_AUDIENCE", "audience", DEFAULT_AUDIENCE,
      "the `aud` claim issued and required");
  /** {@code JWT_CLOCK_SKEW}. */
  public static final Setting<Long> CLOCK_SKEW = Setting.longValue("JWT_CLOCK_SKEW", "clockSkew", DEFAULT_CLOCK_SKEW,
      0, 600, "seconds of clock skew allowed on `exp`, `nbf`, `iat`");
  /** {@code JWT_ACCESS_TTL}. */
  public static final Setting<Long> ACCESS_TTL = Setting.longValue("JWT_ACCESS_TTL", "accessTtl", DEFAULT_ACCESS_TTL,
      1, 7L * 24 * 3600, "access-token lifetime, seconds");
  /** {@code AUTH_REFRESH_TTL}. */
  public static final Setting<Long> REFRESH_TTL = Setting.longValue("AUTH_REFRESH_TTL", "refreshTtl", DEFAULT_REFRESH_TTL,
      60, 365L * 24 * 3600, "refresh-token lifetime, seconds");
  /** {@code JWT_VERIFIED_CACHE}. */
  public static final Setting<Integer> VERIFIED_CACHE = Setting.integer("JWT_VERIFIED_CACHE", "verifiedCache",
      DEFAULT_VERIFIED_CACHE, 0, 1 << 20, "verified tokens remembered per event loop; 0 turns it off");
  /** {@code AUTH_DEV_MODE}. */
  public static final Setting<Boolean> DEV_MODE = Setting.bool("AUTH_DEV_MODE", "devMode", DEFAULT_DEV_MODE,
      "a random per-process secret when JWT_SECRET is unset (developer machines only)");
  /** {@code ARGON2_MEMORY_KIB}. */
  public static final Setting<Integer> ARGON2_MEMORY_KIB = Setting.integer("ARGON2_MEMORY_KIB", "argon2 memoryKib",
      DEFAULT_ARGON2_MEMORY_KIB, 8, 4 << 20, "Argon2id memory, KiB (at least 8 per lane)");
  /** {@code ARGON2_ITERATIONS}. */
  public static final Setting<Integer> ARGON2_ITERATIONS = Setting.integer("ARGON2_ITERATIONS", "argon2 iterations",
      DEFAULT_ARGON2_ITERATIONS, 1, 100, "Argon2id passes");
  /** {@code ARGON2_PARALLELISM}. */
  public static final Setting<Integer> ARGON2_PARALLELISM = Setting.integer("ARGON2_PARALLELISM", "argon2 parallelism",
      DEFAULT_ARGON2_PARALLELISM, 1, 64, "Argon2id lanes");
  /** {@code AUTH_PASSWORD_MIN}. */
  public static final Setting<Integer> PASSWORD_MIN = Setting.integer("AUTH_PASSWORD_MIN", "passwordLength min",
      DEFAULT_PASSWORD_MIN, 8, 1024, "shortest password accepted at signup, characters");
  /** {@code AUTH_PASSWORD_MAX}. */
  public static final Setting<Integer> PASSWORD_MAX = Setting.integer("AUTH_PASSWORD_MAX", "passwordLength max",
      DEFAULT_PASSWORD_MAX, 8, 1024, "longest password accepted, characters");
  /** {@code AUTH_IP_ATTEMPTS}. */
  public static final Setting<Integer> IP_ATTEMPTS = Setting.integer("AUTH_IP_ATTEMPTS", "ipLimit attempts",
      DEFAULT_IP_ATTEMPTS, 1, 1_000_000, "login attempts per client IP per AUTH_IP_WINDOW");
  /** {@code AUTH_IP_WINDOW}. */
  public static final Setting<Long> IP_WINDOW = Setting.longValue("AUTH_IP_WINDOW", "ipLimit window", DEFAULT_IP_WINDOW,
      1, 86_400, "the per-IP window, seconds");
  /** {@code AUTH_MAX_FAILURES}. */
  public static final Setting<Integer> MAX_FAILURES = Setting.integer("AUTH_MAX_FAILURES", "lockoutAfter failures",
      DEFAULT_MAX_FAILURES, 1, 1000, "failed logins of one account within AUTH_FAILURE_WINDOW that lock it");
  /** {@code AUTH_FAILURE_WINDOW}. */
  public static final Setting<Long> FAILURE_WINDOW = Setting.longValue("AUTH_FAILURE_WINDOW", "lockoutAfter window",
      DEFAULT_FAILURE_WINDOW, 1, 86_400, "the window failures are counted in, seconds");
  /** {@code AUTH_LOCKOUT}. */
  public static final Setting<Long> LOCKOUT = Setting.longValue("AUTH_LOCKOUT", "lockoutAfter lockout", DEFAULT_LOCKOUT,
      1, 86_400, "how long a locked account stays locked, seconds");
  /** {@code AUTH_SIGNUP_ATTEMPTS}. */
  public static final Setting<Integer> SIGNUP_ATTEMPTS = Setting.integer("AUTH_SIGNUP_ATTEMPTS", "signupLimit attempts",
      DEFAULT_SIGNUP_ATTEMPTS, 1, 1_000_000, "signups per client IP per AUTH_SIGNUP_WINDOW (each costs an Argon2id hash)");
  /** {@code AUTH_SIGNUP_WINDOW}. */
  public static final Setting<Long> SIGNUP_WINDOW = Setting.longValue("AUTH_SIGNUP_WINDOW", "signupLimit window",
      DEFAULT_SIGNUP_WINDOW, 1, 86_400, "the per-IP signup window, seconds");
  /** {@code AUTH_THROTTLE_ENTRIES}. */
  public static final Setting<Long> THROTTLE_ENTRIES = Setting.longValue("AUTH_THROTTLE_ENTRIES", "throttleEntries",
      DEFAULT_THROTTLE_ENTRIES, 1, 100_000_000, "counters and locks the in-process throttle store holds at most");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final java.util.List<Setting<?>> SETTINGS = java.util.List.of(ALGORITHM, SECRET, PUBLIC_KEY,
      PRIVATE_KEY, ISSUER, AUDIENCE, CLOCK_SKEW, ACCESS_TTL, REFRESH_TTL, VERIFIED_CACHE, DEV_MODE, ARGON2_MEMORY_KIB,
      ARGON2_ITERATIONS, ARGON2_PARALLELISM, PASSWORD_MIN, PASSWORD_MAX, IP_ATTEMPTS, IP_WINDOW, MAX_FAILURES,
      FAILURE_WINDOW, LOCKOUT, SIGNUP_ATTEMPTS, SIGNUP_WINDOW, THROTTLE_ENTRIES);

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
  private int argon2MemoryKib = DEFAULT_ARGON2_MEMORY_KIB;
  private int argon2Iterations = DEFAULT_ARGON2_ITERATIONS;
  private int argon2Parallelism = DEFAULT_ARGON2_PARALLELISM;
  private int passwordMin = DEFAULT_PASSWORD_MIN;
  private int passwordMax = DEFAULT_PASSWORD_MAX;
  private int ipAttempts = DEFAULT_IP_ATTEMPTS;
  private int signupAttempts = DEFAULT_SIGNUP_ATTEMPTS;
  private long signupWindow = DEFAULT_SIGNUP_WINDOW;
  private long throttleEntries = DEFAULT_THROTTLE_ENTRIES;
  private long ipWindow = DEFAULT_IP_WINDOW;
  private int maxFailures = DEFAULT_MAX_FAILURES;
  private long failureWindow = DEFAULT_FAILURE_WINDOW;
  private long lockout = DEFAULT_LOCKOUT;

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
    o.argon2MemoryKib = ARGON2_MEMORY_KIB.read(config);
    o.argon2Iterations = ARGON2_ITERATIONS.read(config);
    o.argon2Parallelism = ARGON2_PARALLELISM.read(config);
    o.passwordMin = PASSWORD_MIN.read(config);
    o.passwordMax = PASSWORD_MAX.read(config);
    o.ipAttempts = IP_ATTEMPTS.read(config);
    o.ipWindow = IP_WINDOW.read(config);
    o.maxFailures = MAX_FAILURES.read(config);
    o.failureWindow = FAILURE_WINDOW.read(config);
    o.lockout = LOCKOUT.read(config);
    o.signupAttempts = SIGNUP_ATTEMPTS.read(config);
    o.signupWindow = SIGNUP_WINDOW.read(config);
    o.throttleEntries = THROTTLE_ENTRIES.read(config);
    o.externalIssuer = ExternalIssuerOptions.fromEnvironment(config);
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

  /** Argon2id memory, KiB. */
  public int argon2MemoryKib() { return argon2MemoryKib; }

  /** Argon2id passes. */
  public int argon2Iterations() { return argon2Iterations; }

  /** Argon2id lanes. */
  public int argon2Parallelism() { return argon2Parallelism; }

  /** Sets the Argon2id cost: memory in KiB (at least 8 per lane), passes, lanes. */
  public AuthOptions argon2(int memoryKib, int iterations, int parallelism) {
    ARGON2_PARALLELISM.check(parallelism);
    ARGON2_ITERATIONS.check(iterations);
    ARGON2_MEMORY_KIB.check(memoryKib);
    check(memoryKib >= 8 * parallelism, "argon2 memoryKib (ARGON2_MEMORY_KIB) must be at least 8 KiB per lane of parallelism "
        + parallelism + ", got " + memoryKib);
    this.argon2MemoryKib = memoryKib;
    this.argon2Iterations = iterations;
    this.argon2Parallelism = parallelism;
    return this;
  }

  public int passwordMin() { return passwordMin; }

  public int passwordMax() { return passwordMax; }

  /** The password length policy, in characters: {@code min..max}. */
  public AuthOptions passwordLength(int min, int max) {
    PASSWORD_MIN.check(min);
    PASSWORD_MAX.check(max);
    check(min <= max, "passwordLength min (AUTH_PASSWORD_MIN) must not exceed max (AUTH_PASSWORD_MAX), got " + min + ".." + max);
    this.passwordMin = min;
    this.passwordMax = max;
    return this;
  }

  public int ipAttempts() { return ipAttempts; }

  /** Per-IP window, seconds. */
  public long ipWindow() { return ipWindow; }

  /** At most {@code attempts} logins per client IP per {@code windowSeconds}. */
  public AuthOptions ipLimit(int attempts, long windowSeconds) {
    this.ipAttempts = IP_ATTEMPTS.check(attempts);
    this.ipWindow = IP_WINDOW.check(windowSeconds);
    return this;
  }

  public int maxFailures() { return maxFailures; }

  /** Failure window, seconds. */
  public long failureWindow() { return failureWindow; }

  /** Lockout duration, seconds. */
  public long lockout() { return lockout; }

  /** {@code failures} failed logins within {@code windowSeconds} lock the account for {@code lockoutSeconds}. */
  public AuthOptions lockoutAfter(int failures, long windowSeconds, long lockoutSeconds) {
    MAX_FAILURES.check(failures);
    FAILURE_WINDOW.check(windowSeconds);
    this.lockout = LOCKOUT.check(lockoutSeconds);
    this.maxFailures = failures;
    this.failureWindow = windowSeconds;
    return this;
  }

  public int signupAttempts() { return signupAttempts; }

  /** Per-IP signup window, seconds. */
  public long signupWindow() { return signupWindow; }

  /** At most {@code attempts} signups per client IP per {@code windowSeconds}. */
  public AuthOptions signupLimit(int attempts, long windowSeconds) {
    this.signupAttempts = SIGNUP_ATTEMPTS.check(attempts);
    this.signupWindow = SIGNUP_WINDOW.check(windowSeconds);
    return this;
  }

  /** Entries the in-process throttle store holds at most. */
  public long throttleEntries() { return throttleEntries; }

  public AuthOptions throttleEntries(long entries) {
    this.throttleEntries = THROTTLE_ENTRIES.check(entries);
    return this;
  }
}
