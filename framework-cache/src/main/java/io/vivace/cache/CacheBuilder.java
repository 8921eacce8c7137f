package io.vivace.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vivace.cache.impl.RedisImpl;
import io.vivace.cache.impl.TieredCache;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds a {@link Cache}: its name, L1's bounds and lifetimes, and the optional L2 tier. Every
 * setting has a documented {@code DEFAULT_*}. Not thread-safe; build once at startup.
 *
 * <pre>{@code
 * Cache<Long, Post> posts = Cache.<Long, Post>builder("posts")
 *     .maximumSize(50_000)
 *     .expireAfterWrite(Duration.ofMinutes(10))
 *     .negativeTtl(Duration.ofSeconds(5))
 *     .redis(redis, KeyCodec.LONG, Codec.json(Post.class))
 *     .build();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CacheBuilder<K, V> {
  /** L1 entries at most: {@value}. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;
  /** Time-to-live of a value in every tier: 5 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  /** Fraction of the time-to-live taken off at random per entry: {@value} (0 = none). */
  public static final double DEFAULT_JITTER = 0.1;
  /** Negative caching ("not found" kept for this long): off ({@link Duration#ZERO}). */
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ZERO;
  /** Refresh-after-write: off ({@link Duration#ZERO}). */
  public static final Duration DEFAULT_REFRESH_AFTER_WRITE = Duration.ZERO;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final String name;
  private long maximumSize = DEFAULT_MAXIMUM_SIZE;
  private Duration ttl = DEFAULT_TTL;
  private double jitter = DEFAULT_JITTER;
  private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
  private Duration refreshAfterWrite = DEFAULT_REFRESH_AFTER_WRITE;
  private Ticker ticker = Ticker.systemTicker();
  private Redis redis;
  private KeyCodec<K> keys;
  private Codec<V> codec;

  CacheBuilder(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A cache name is 1..100 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    this.name = name;
  }

  /** L1's bound in entries (positive); the least valuable entries are evicted beyond it (Caffeine's W-TinyLFU). */
  public CacheBuilder<K, V> maximumSize(long entries) {
    if (entries <= 0) {
      throw new IllegalArgumentException("maximumSize must be positive, got " + entries);
    }
    this.maximumSize = entries;
    return this;
  }

  /** How long a value lives after it was written, in every tier (positive). */
  public CacheBuilder<K, V> expireAfterWrite(Duration ttl) {
    this.ttl = positive("expireAfterWrite", ttl);
    return this;
  }

  /**
   * The fraction of the time-to-live taken off at random per entry, in [0, 0.5]: with 0.1 and a
   * 10-minute TTL each entry lives between 9 and 10 minutes.
   */
  public CacheBuilder<K, V> jitter(double fraction) {
    if (!(fraction >= 0 && fraction <= 0.5)) {
      throw new IllegalArgumentException("jitter must be within [0, 0.5], got " + fraction);
    }
    this.jitter = fraction;
    return this;
  }

  /**
   * Turns on negative caching: a loader's null ("not found") is kept for {@code ttl} (positive,
   * usually seconds) in every tier. Off by default: a null is not cached.
   */
  public CacheBuilder<K, V> negativeTtl(Duration ttl) {
    this.negativeTtl = positive("negativeTtl", ttl);
    return this;
  }

  /**
   * Turns on refresh-after-write: the first read of a value older than {@code after} still gets
   * that value at once, and starts one background reload that replaces it (a failed reload keeps
   * the value). Must be shorter than the time-to-live.
   */
  public CacheBuilder<K, V> refreshAfterWrite(Duration after) {
    this.refreshAfterWrite = positive("refreshAfterWrite", after);
    return this;
  }

  /** The clock of L1's expiry and refresh (tests pass a fake one); default the system's nanoTime. */
  public CacheBuilder<K, V> ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * Adds the L2 tier on {@code redis} (null: none, L1 only, so an app can pass
   * {@link Caches#redis()} whether {@code REDIS_URL} is set or not).
   *
   * @param keys how keys are named in Redis and in invalidation messages
   * @param codec how values are stored, e.g. {@link Codec#json(Class)}
   */
  public CacheBuilder<K, V> redis(Redis redis, KeyCodec<K> keys, Codec<V> codec) {
    this.redis = redis;
    this.keys = Objects.requireNonNull(keys, "keys");
    this.codec = Objects.requireNonNull(codec, "codec");
    return this;
  }

  /**
   * The cache.
   *
   * @throws IllegalArgumentException when refresh-after-write is not shorter than the time-to-live,
   *     or when another cache of this name already uses the same Redis
   */
  public Cache<K, V> build() {
    if (!refreshAfterWrite.isZero() && refreshAfterWrite.compareTo(ttl) >= 0) {
      throw new IllegalArgumentException("refreshAfterWrite (" + refreshAfterWrite + ") must be shorter than expireAfterWrite ("
          + ttl + ")");
    }
    return new TieredCache<>(name, maximumSize, ttl.toNanos(), jitter, negativeTtl.toNanos(), refreshAfterWrite.toNanos(),
        ticker, (RedisImpl) redis, keys, codec);
  }

  private static Duration positive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
