package io.vivace.cache.impl;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.vivace.cache.CacheStats;
import io.vivace.cache.Codec;
import io.vivace.cache.KeyCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One cache's view of the shared Redis tier: its keys ({@code prefix + name + ':' + key}), its
 * codec, its counters. Values are written with {@code SET key value PX ttl}; a cached "not found"
 * is an empty value with the negative time-to-live. Every method returns null when the command was
 * skipped (the tier is down), and never throws. Thread-safe.
 */
final class RedisTier<K, V> {
  private static final byte[] EMPTY = new byte[0];

  final RedisImpl redis;
  final String cacheName;
  private final String prefix;
  final KeyCodec<K> keys;
  private final Codec<V> codec;
  private final long ttlMs;
  private final long spreadMs;
  private final long negativeTtlMs;
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder skipped = new LongAdder();

  RedisTier(RedisImpl redis, String cacheName, KeyCodec<K> keys, Codec<V> codec, long ttlMs, double jitter,
      long negativeTtlMs) {
    this.redis = redis;
    this.cacheName = cacheName;
    this.prefix = redis.options.keyPrefix() + cacheName + ':';
    this.keys = keys;
    this.codec = codec;
    this.ttlMs = ttlMs;
    this.spreadMs = (long) (ttlMs * jitter);
    this.negativeTtlMs = negativeTtlMs;
  }

  String key(K key) {
    return prefix + keys.encode(key);
  }

  /** The stored bytes of {@code key} (null: absent), or null when skipped. */
  CompletableFuture<byte[]> get(K key) {
    String k = key(key);
    CompletableFuture<byte[]> r = redis.call(c -> c.get(k));
    if (r == null) {
      skipped.increment();
      return null;
    }
    return r.whenComplete((bytes, t) -> (t != null ? errors : bytes != null ? hits : misses).increment());
  }

  /** The stored values of {@code keys}, in order, or null when skipped. */
  CompletableFuture<List<KeyValue<String, byte[]>>> mget(List<K> keyList) {
    String[] names = new String[keyList.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = key(keyList.get(i));
    }
    CompletableFuture<List<KeyValue<String, byte[]>>> r = redis.call(c -> c.mget(names));
    if (r == null) {
      skipped.add(names.length);
      return null;
    }
    return r.whenComplete((list, t) -> {
      if (t != null) {
        errors.increment();
        return;
      }
      for (KeyValue<String, byte[]> kv : list) {
        (kv.hasValue() ? hits : misses).increment();
      }
    });
  }

  /** What L1 should hold for stored bytes: the value, {@link CaffeineTier#NOT_FOUND}, or null if unreadable. */
  Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      return CaffeineTier.NOT_FOUND;
    }
    try {
      return codec.decode(bytes);
    } catch (RuntimeException e) {
      errors.increment(); // an old or foreign encoding: treated as a miss, then overwritten
      return null;
    }
  }

  /** Stores a loaded value (or not-found) with its time-to-live; no broadcast (nothing changed). */
  CompletableFuture<String> fill(K key, Object value) {
    byte[] bytes;
    long ttl;
    if (value == CaffeineTier.NOT_FOUND) {
      bytes = EMPTY;
      ttl = negativeTtlMs;
    } else {
      @SuppressWarnings("unchecked")
      V v = (V) value;
      bytes = codec.encode(v);
      ttl = spreadMs == 0 ? ttlMs : ttlMs - ThreadLocalRandom.current().nextLong(spreadMs + 1);
    }
    String k = key(key);
    long px = Math.max(1, ttl);
    return counted(redis.call(c -> c.set(k, bytes, SetArgs.Builder.px(px))));
  }

  /** A write: the value stored, then the broadcast; completes when both are done (or skipped). */
  CompletableFuture<Void> write(K key, V value) {
    CompletableFuture<String> set = fill(key, value);
    return both(set, counted(redis.publish(Invalidations.keyMessage(redis, cacheName, keys.encode(key)))));
  }

  /** An invalidation: the key deleted, then the broadcast. */
  CompletableFuture<Void> delete(K key) {
    String k = key(key);
    CompletableFuture<Long> del = counted(redis.call(c -> c.del(k)));
    return both(del, counted(redis.publish(Invalidations.keyMessage(redis, cacheName, keys.encode(key)))));
  }

  /** Every key of this cache deleted (SCAN by prefix, then DEL per page), then the broadcast. */
  CompletableFuture<Void> deleteAll() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    scanAndDelete(ScanCursor.INITIAL, done);
    return done.handle((v, t) -> null)
        .thenCompose(v -> both(null, counted(redis.publish(Invalidations.allMessage(redis, cacheName)))));
  }

  private void scanAndDelete(ScanCursor cursor, CompletableFuture<Void> done) {
    ScanArgs args = ScanArgs.Builder.matches(prefix + '*').limit(500);
    CompletableFuture<KeyScanCursor<String>> page = counted(redis.call(c -> c.scan(cursor, args)));
    if (page == null) {
      done.complete(null);
      return;
    }
    page.thenCompose(p -> {
      CompletableFuture<Long> del = p.getKeys().isEmpty() ? CompletableFuture.completedFuture(0L)
          : counted(redis.call(c -> c.unlink(p.getKeys().toArray(new String[0]))));
      return (del == null ? CompletableFuture.completedFuture(0L) : del).thenApply(n -> p);
    }).whenComplete((p, t) -> {
      if (t != null || p.isFinished()) {
        done.complete(null);
      } else {
        scanAndDelete(p, done);
      }
    });
  }

  private <T> CompletableFuture<T> counted(CompletableFuture<T> f) {
    if (f == null) {
      skipped.increment();
      return null;
    }
    return f.whenComplete((v, t) -> {
      if (t != null) {
        errors.increment();
      }
    });
  }

  /** Completes (never fails: a down tier is not the caller's error) once both are done. */
  private static CompletableFuture<Void> both(CompletableFuture<?> a, CompletableFuture<?> b) {
    CompletableFuture<?> x = a == null ? CompletableFuture.completedFuture(null) : a;
    CompletableFuture<?> y = b == null ? CompletableFuture.completedFuture(null) : b;
    return CompletableFuture.allOf(x, y).handle((v, t) -> null);
  }

  CacheStats.Remote stats() {
    return new CacheStats.Remote(hits.sum(), misses.sum(), errors.sum(), skipped.sum(), redis.up());
  }
}
