package io.vivace.cache.impl;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vivace.cache.CacheStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * L1: a bounded Caffeine {@link AsyncCache} of value futures. Caffeine drops a future that fails
 * or completes with null, so failures are never cached; "not found" is cached only as
 * {@link #NOT_FOUND} (with its own short time-to-live). Each entry lives for the time-to-live
 * minus a random part of up to {@code jitter} of it, so entries written together do not expire
 * together. With refresh-after-write, values are held as {@link Stamped} with their write time.
 * Thread-safe.
 */
final class CaffeineTier<K> {
  /** The cached "not found". */
  static final Object NOT_FOUND = new Object() {
    @Override
    public String toString() {
      return "NOT_FOUND";
    }
  };

  /**
   * A failed load. A pending future is removed from L1 before it completes with this (never
   * exceptionally: Caffeine would log every failed load), so a failure is never cached.
   */
  static final class Failed {
    final Throwable cause;

    Failed(Throwable cause) {
      this.cause = cause;
    }
  }

  /** A value with its write time (ticker nanos), when refresh-after-write is on. */
  static final class Stamped {
    final Object value;
    final long writtenAt;
    final AtomicBoolean refreshing = new AtomicBoolean();

    Stamped(Object value, long writtenAt) {
      this.value = value;
      this.writtenAt = writtenAt;
    }
  }

  final AsyncCache<K, Object> cache;
  final Ticker ticker;
  private final long refreshNanos; // 0: off
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder evictions = new LongAdder();
  /** Nanoseconds spent in loader calls, successful or failed (for the load-time meter). */
  final LongAdder loadNanos = new LongAdder();

  CaffeineTier(long maximumSize, long ttlNanos, double jitter, long negativeTtlNanos, long refreshNanos, Ticker ticker) {
    this.ticker = ticker;
    this.refreshNanos = refreshNanos;
    long spread = (long) (ttlNanos * jitter);
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .ticker(ticker)
        .executor(Runnable::run) // maintenance and listeners on the calling thread: no pool hop
        .expireAfter(new Expiry<K, Object>() {
          @Override
          public long expireAfterCreate(K key, Object value, long now) {
            if (unwrap(value) == NOT_FOUND) {
              return negativeTtlNanos;
            }
            return spread == 0 ? ttlNanos : ttlNanos - ThreadLocalRandom.current().nextLong(spread + 1);
          }

          @Override
          public long expireAfterUpdate(K key, Object value, long now, long current) {
            return expireAfterCreate(key, value, now);
          }

          @Override
          public long expireAfterRead(K key, Object value, long now, long current) {
            return current;
          }
        })
        .removalListener((K key, Object value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (cause.wasEvicted()) {
            evictions.increment();
          }
        })
        .buildAsync();
  }

  boolean refreshes() {
    return refreshNanos > 0;
  }

  /** What L1 holds for a loaded value (null: nothing to hold, not found without negative caching). */
  Object wrap(Object value) {
    return refreshNanos > 0 && value != null ? new Stamped(value, ticker.read()) : value;
  }

  static Object unwrap(Object held) {
    return held instanceof Stamped ? ((Stamped) held).value : held;
  }

  /** Whether {@code held} is due for a refresh; true for exactly one caller until the refresh ends. */
  boolean claimRefresh(Object held) {
    if (!(held instanceof Stamped)) {
      return false;
    }
    Stamped s = (Stamped) held;
    return ticker.read() - s.writtenAt >= refreshNanos && s.refreshing.compareAndSet(false, true);
  }

  CompletableFuture<Object> getIfPresent(K key) {
    return cache.getIfPresent(key);
  }

  void put(K key, Object held) {
    cache.put(key, CompletableFuture.completedFuture(held));
  }

  void invalidate(K key) {
    cache.synchronous().invalidate(key);
  }

  void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  /** A loader call begun at {@code startNanos} succeeded. */
  void loaded(long startNanos) {
    loads.increment();
    loadNanos.add(System.nanoTime() - startNanos);
  }

  /** A loader call begun at {@code startNanos} failed. */
  void loadFailed(long startNanos) {
    loadFailures.increment();
    loadNanos.add(System.nanoTime() - startNanos);
  }

  CacheStats.Local stats() {
    return new CacheStats.Local(hits.sum(), misses.sum(), loads.sum(), loadFailures.sum(), evictions.sum(),
        cache.synchronous().estimatedSize());
  }
}
