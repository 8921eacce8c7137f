package io.vivace.cache;

import java.util.Objects;

/**
 * How the Redis tier connects and how it behaves when Redis fails. Every field has a documented
 * {@code DEFAULT_*}. Mutable until given to {@link Redis#create}; not thread-safe.
 */
public final class RedisOptions {
  /** Environment variable naming the server, e.g. {@code redis://127.0.0.1:6379/0}: {@value}. */
  public static final String REDIS_URL = "REDIS_URL";
  /** Bound of one command, in milliseconds: {@value}. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MS = 250;
  /** Failures in a row that open the circuit breaker: {@value}. */
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  /** Time an open breaker waits before a trial command, in milliseconds: {@value}. */
  public static final long DEFAULT_OPEN_MS = 1_000;
  /** Longest wait between reconnect attempts, in milliseconds: {@value}. */
  public static final long DEFAULT_MAX_RECONNECT_DELAY_MS = 1_000;
  /** Prefix of every key and of the invalidation channel: {@value}. */
  public static final String DEFAULT_KEY_PREFIX = "vivace:cache:";

  private String url;
  private long commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS;
  private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
  private long openMs = DEFAULT_OPEN_MS;
  private long maxReconnectDelayMs = DEFAULT_MAX_RECONNECT_DELAY_MS;
  private String keyPrefix = DEFAULT_KEY_PREFIX;

  /** Options for the server at {@code url} ({@code redis://[user:password@]host[:port][/db]}). */
  public RedisOptions(String url) {
    url(url);
  }

  /** Options from {@code REDIS_URL}, or null when it is unset or empty (no Redis tier). */
  public static RedisOptions fromEnvironment() {
    String url = System.getenv(REDIS_URL);
    return url == null || url.isBlank() ? null : new RedisOptions(url.trim());
  }

  public String url() {
    return url;
  }

  /** The server's URL; must start with {@code redis://} or {@code rediss://}. */
  public RedisOptions url(String url) {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://, got '" + url + "'");
    }
    this.url = url;
    return this;
  }

  public long commandTimeoutMs() {
    return commandTimeoutMs;
  }

  /** Bound of one command in ms (positive); a command that takes longer counts as a failure. */
  public RedisOptions commandTimeoutMs(long ms) {
    this.commandTimeoutMs = positive("commandTimeoutMs", ms);
    return this;
  }

  public int failureThreshold() {
    return failureThreshold;
  }

  /** Failures in a row that open the circuit breaker (positive). */
  public RedisOptions failureThreshold(int n) {
    this.failureThreshold = (int) positive("failureThreshold", n);
    return this;
  }

  public long openMs() {
    return openMs;
  }

  /** How long an open breaker skips Redis before one trial command, in ms (positive). */
  public RedisOptions openMs(long ms) {
    this.openMs = positive("openMs", ms);
    return this;
  }

  public long maxReconnectDelayMs() {
    return maxReconnectDelayMs;
  }

  /** Longest wait between reconnect attempts in ms (positive); attempts back off exponentially up to it. */
  public RedisOptions maxReconnectDelayMs(long ms) {
    this.maxReconnectDelayMs = positive("maxReconnectDelayMs", ms);
    return this;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  /** Prefix of every key and channel (tests use a unique one); not empty. */
  public RedisOptions keyPrefix(String prefix) {
    Objects.requireNonNull(prefix, "keyPrefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("keyPrefix must not be empty");
    }
    this.keyPrefix = prefix;
    return this;
  }

  private static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
