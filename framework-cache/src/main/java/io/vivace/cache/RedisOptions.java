package io.vivace.cache;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the app's Redis client connects and how it behaves when Redis fails. Every field has a
 * documented {@code DEFAULT_*} and one {@link Setting} declaration (all in {@link #SETTINGS}),
 * read by {@link #from(Config)} and checked by the setters. The URL's password never appears in a
 * message. Mutable until given to {@link Redis#create}; not thread-safe.
 */
public final class RedisOptions {
  /** Environment variable naming the server, e.g. {@code redis://127.0.0.1:6379/0}: {@value}. */
  public static final String REDIS_URL = "REDIS_URL";
  /** Bound of one command, in milliseconds: {@value}. Environment {@code VIVACE_REDIS_COMMAND_TIMEOUT}. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MS = 250;
  /** Failures in a row that open the circuit breaker: {@value}. Environment {@code VIVACE_REDIS_FAILURE_THRESHOLD}. */
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  /** Time an open breaker waits before a trial command, in milliseconds: {@value}. Environment {@code VIVACE_REDIS_OPEN_TIME}. */
  public static final long DEFAULT_OPEN_MS = 1_000;
  /** Longest wait between reconnect attempts, in milliseconds: {@value}. Environment {@code VIVACE_REDIS_MAX_RECONNECT_DELAY}. */
  public static final long DEFAULT_MAX_RECONNECT_DELAY_MS = 1_000;
  /** Prefix of every cache key and of the invalidation channel: {@value}. Environment {@code VIVACE_REDIS_KEY_PREFIX}. */
  public static final String DEFAULT_KEY_PREFIX = "vivace:cache:";
  /**
   * Whether the readiness probe ({@code GET /health/ready}) fails while Redis does not answer:
   * {@value}. Off, the app stays ready through a Redis outage (it serves from L1 and the loaders),
   * so instances sharing one Redis are not all taken out of a load balancer at once. Environment
   * {@code VIVACE_REDIS_READINESS}.
   */
  public static final boolean DEFAULT_READINESS = true;

  /** {@code REDIS_URL}: unset means no Redis (caches in process, login throttling in process). */
  public static final Setting<String> URL = Setting.of(REDIS_URL, "url", null,
      "redis://[user:password@]host[:port][/db] or rediss://...", raw -> raw, RedisOptions::isRedisUrl,
      "the Redis server (`redis://[user:password@]host[:port][/db]`, `rediss://` for TLS); unset: no Redis")
      .secret().defaultShownAs("none");
  /** {@code VIVACE_REDIS_COMMAND_TIMEOUT}. */
  public static final Setting<Long> COMMAND_TIMEOUT = Setting.longValue("VIVACE_REDIS_COMMAND_TIMEOUT", "commandTimeoutMs",
      DEFAULT_COMMAND_TIMEOUT_MS, 1, 600_000, "ms one Redis command may take before it counts as a failure");
  /** {@code VIVACE_REDIS_FAILURE_THRESHOLD}. */
  public static final Setting<Integer> FAILURE_THRESHOLD = Setting.integer("VIVACE_REDIS_FAILURE_THRESHOLD",
      "failureThreshold", DEFAULT_FAILURE_THRESHOLD, 1, 1000, "failures in a row that open the circuit breaker");
  /** {@code VIVACE_REDIS_OPEN_TIME}. */
  public static final Setting<Long> OPEN_TIME = Setting.longValue("VIVACE_REDIS_OPEN_TIME", "openMs", DEFAULT_OPEN_MS,
      1, 3_600_000, "ms an open breaker skips Redis before one trial command");
  /** {@code VIVACE_REDIS_MAX_RECONNECT_DELAY}. */
  public static final Setting<Long> MAX_RECONNECT_DELAY = Setting.longValue("VIVACE_REDIS_MAX_RECONNECT_DELAY",
      "maxReconnectDelayMs", DEFAULT_MAX_RECONNECT_DELAY_MS, 1, 3_600_000,
      "longest wait between reconnect attempts, ms (exponential back-off up to it)");
  /** {@code VIVACE_REDIS_KEY_PREFIX}. */
  public static final Setting<String> KEY_PREFIX = Setting.of("VIVACE_REDIS_KEY_PREFIX", "keyPrefix", DEFAULT_KEY_PREFIX,
      "a non-empty text", raw -> raw, v -> v != null && !v.isEmpty(), "prefix of every cache key and of the invalidation channel");

  /** {@code VIVACE_REDIS_READINESS}. */
  public static final Setting<Boolean> READINESS = Setting.bool("VIVACE_REDIS_READINESS", "readiness", DEFAULT_READINESS,
      "the readiness probe fails while Redis does not answer; false: ready through a Redis outage (L1 and loaders serve)");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(URL, COMMAND_TIMEOUT, FAILURE_THRESHOLD, OPEN_TIME,
      MAX_RECONNECT_DELAY, KEY_PREFIX, READINESS);

  private String url;
  private long commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS;
  private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
  private long openMs = DEFAULT_OPEN_MS;
  private long maxReconnectDelayMs = DEFAULT_MAX_RECONNECT_DELAY_MS;
  private String keyPrefix = DEFAULT_KEY_PREFIX;
  private boolean readiness = DEFAULT_READINESS;

  /**
   * Options for the server at {@code url} ({@code redis://[user:password@]host[:port][/db]}).
   *
   * @throws IllegalArgumentException naming {@code REDIS_URL}, password masked, when it is not one
   */
  public RedisOptions(String url) {
    url(url);
  }

  /**
   * Options from the environment and system properties, or null when {@code REDIS_URL} is unset
   * (no Redis).
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static RedisOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}, or null when {@code REDIS_URL} is unset (no Redis).
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static RedisOptions from(Config config) {
    String url = URL.read(config);
    if (url == null) {
      return null;
    }
    RedisOptions o = new RedisOptions(url);
    o.commandTimeoutMs = COMMAND_TIMEOUT.read(config);
    o.failureThreshold = FAILURE_THRESHOLD.read(config);
    o.openMs = OPEN_TIME.read(config);
    o.maxReconnectDelayMs = MAX_RECONNECT_DELAY.read(config);
    o.keyPrefix = KEY_PREFIX.read(config);
    o.readiness = READINESS.read(config);
    return o;
  }

  /** The URL as given (with its password: never log it; see {@link io.vivace.config.Secrets}). */
  public String url() {
    return url;
  }

  /** The server's URL: {@code redis://} or {@code rediss://} (TLS), as Lettuce's {@code RedisURI} reads it. */
  public RedisOptions url(String url) {
    this.url = URL.check(Objects.requireNonNull(url, "url"));
    return this;
  }

  /** Whether Redis takes part in the readiness probe. */
  public boolean readiness() {
    return readiness;
  }

  /** @param on false: the app stays ready while Redis is down */
  public RedisOptions readiness(boolean on) {
    this.readiness = on;
    return this;
  }

  public long commandTimeoutMs() {
    return commandTimeoutMs;
  }

  /** Bound of one command in ms (positive); a command that takes longer counts as a failure. */
  public RedisOptions commandTimeoutMs(long ms) {
    this.commandTimeoutMs = COMMAND_TIMEOUT.check(ms);
    return this;
  }

  public int failureThreshold() {
    return failureThreshold;
  }

  /** Failures in a row that open the circuit breaker (positive). */
  public RedisOptions failureThreshold(int n) {
    this.failureThreshold = FAILURE_THRESHOLD.check(n);
    return this;
  }

  public long openMs() {
    return openMs;
  }

  /** How long an open breaker skips Redis before one trial command, in ms (positive). */
  public RedisOptions openMs(long ms) {
    this.openMs = OPEN_TIME.check(ms);
    return this;
  }

  public long maxReconnectDelayMs() {
    return maxReconnectDelayMs;
  }

  /** Longest wait between reconnect attempts in ms (positive); attempts back off exponentially up to it. */
  public RedisOptions maxReconnectDelayMs(long ms) {
    this.maxReconnectDelayMs = MAX_RECONNECT_DELAY.check(ms);
    return this;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  /** Prefix of every key and channel (tests use a unique one); not empty. */
  public RedisOptions keyPrefix(String prefix) {
    this.keyPrefix = KEY_PREFIX.check(prefix);
    return this;
  }

  /** Whether Lettuce can connect with {@code raw}: a {@code redis://} or {@code rediss://} URL with a host. */
  private static boolean isRedisUrl(String raw) {
    if (raw == null) {
      return false;
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
      return false;
    }
    try {
      io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.create(raw);
      return uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (RuntimeException e) { // its message may hold the password: not passed on
      return false;
    }
  }
}
