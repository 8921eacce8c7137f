package io.vivace.cache.impl;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
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
 * is an empty value with the negative time-to-live.
 *
 * <p>Invalidation wins over a concurrent fill: every write and invalidation bumps the key's
 * generation ({@code prefix + name + "#gen:" + key}, and {@code prefix + name + "#gen"} for
 * invalidateAll) in the same script that changes the value; a read takes the generations with the
 * value in one {@code MGET}, and the fill after a load is a script that stores only if they are
 * unchanged. So a value loaded before a write is never stored after it, on any instance. Every
 * method returns null when the command was skipped (the tier is down), and never throws.
 * Thread-safe.
 */
final class RedisTier<K, V> {
  private static final byte[] EMPTY = new byte[0];

  final RedisImpl redis;
  final String cacheName;
  private final String prefix;
  private final String genPrefix;
  private final String allGenerationKey;
  private final byte[] generationTtl;
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
    this.genPrefix = redis.options.keyPrefix() + cacheName + "#gen:";
    this.allGenerationKey = redis.options.keyPrefix() + cacheName + "#gen";
    this.generationTtl = Generations.ascii(Math.max(Generations.MIN_TTL_MS, ttlMs));
    this.keys = keys;
    this.codec = codec;
    this.ttlMs = ttlMs;
    this.spreadMs = (long) (ttlMs * jitter);
    this.negativeTtlMs = negativeTtlMs;
  }

  String key(K key) {
    return prefix + keys.encode(key);
  }

  /** The generation key of {@code encodedKey}: outside this cache's value keys, so invalidateAll leaves it. */
  private String generationKey(String encodedKey) {
    return genPrefix + encodedKey;
  }

  /**
   * What one read of L2 saw: the stored bytes (null: absent) and the stamp of the key's
   * generations at that moment, which a fill must still find (see {@link #fill}).
   */
  record Read(byte[] bytes, byte[] stamp) {
  }

  /** The stored bytes of {@code key} and its stamp, or null when skipped. */
  CompletableFuture<Read> get(K key) {
    CompletableFuture<List<Read>> r = reads(List.of(key));
    return r == null ? null : r.thenApply(list -> list.get(0));
  }

  /**
   * The stored values of {@code keys} with their stamps, in order, in one {@code MGET} (the values,
   * the per-key generations, the cache's generation), or null when skipped.
   */
  CompletableFuture<List<Read>> reads(List<K> keyList) {
    int n = keyList.size();
    String[] names = new String[2 * n + 1];
    for (int i = 0; i < n; i++) {
      String encoded = keys.encode(keyList.get(i));
      names[i] = prefix + encoded;
      names[n + i] = generationKey(encoded);
    }
    names[2 * n] = allGenerationKey;
    CompletableFuture<List<KeyValue<String, byte[]>>> r = redis.call(c -> c.mget(names));
    if (r == null) {
      skipped.add(n);
      return null;
    }
    return r.whenComplete((list, t) -> {
      if (t != null) {
        errors.increment();
        return;
      }
      for (int i = 0; i < n; i++) {
        (list.get(i).hasValue() ? hits : misses).increment();
      }
    }).thenApply(list -> {
      byte[] all = value(list.get(2 * n));
      List<Read> out = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new Read(value(list.get(i)), Generations.stamp(value(list.get(n + i)), all)));
      }
      return out;
    });
  }

  private static byte[] value(KeyValue<String, byte[]> kv) {
    return kv.hasValue() ? kv.getValue() : null;
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

  private byte[] bytes(Object value) {
    if (value == CaffeineTier.NOT_FOUND) {
      return EMPTY;
    }
    @SuppressWarnings("unchecked")
    V v = (V) value;
    return codec.encode(v);
  }

  private byte[] ttlOf(Object value) {
    long ttl = value == CaffeineTier.NOT_FOUND ? negativeTtlMs
        : spreadMs == 0 ? ttlMs : ttlMs - ThreadLocalRandom.current().nextLong(spreadMs + 1);
    return Generations.ascii(Math.max(1, ttl));
  }

  /**
   * Stores a loaded value (or not-found) with its time-to-live, only if the key's generations are
   * still those of {@code stamp} (taken by the read before the load): a write or an invalidation
   * since then bumped one, and the value loaded may be older than it. Completes with true when
   * stored, false when refused; null when skipped. No broadcast (nothing changed).
   */
  CompletableFuture<Boolean> fill(K key, Object value, byte[] stamp) {
    String encoded = keys.encode(key);
    String[] k = {prefix + encoded, generationKey(encoded), allGenerationKey};
    byte[] bytes = bytes(value);
    byte[] px = ttlOf(value);
    CompletableFuture<Long> r = counted(redis.call(c -> c.<Long>eval(Generations.FILL, ScriptOutputType.INTEGER, k, stamp, bytes, px)));
    return r == null ? null : r.thenApply(n -> n != null && n == 1L);
  }

  /**
   * Completes {@code pending} (an L1 entry) with {@code held} once L2 is filled against
   * {@code stamp}; a refused fill (a write or invalidation since the read, here or on another
   * instance) takes {@code pending} out of L1 first, so the caller gets its value but the cache
   * does not keep it. Without a stamp, an L2 tier or a current entry, completes at once, unfilled.
   */
  void fillThenComplete(CaffeineTier<K> l1, K key, Object held, byte[] stamp, CompletableFuture<Object> pending,
      io.vertx.core.Context ctx) {
    Object wrapped = l1.wrap(held);
    CompletableFuture<Boolean> filled = held == null || stamp == null || l1.cache.asMap().get(key) != pending
        ? null : fill(key, held, stamp);
    if (filled == null) {
      pending.complete(wrapped);
      return;
    }
    filled.whenComplete((stored, t) -> OnContext.run(ctx, () -> {
      if (t == null && !stored) {
        l1.cache.asMap().remove(key, pending);
      }
      pending.complete(wrapped);
    }));
  }

  /** A write: the value stored and the key's generation bumped (one script), then the broadcast. */
  CompletableFuture<Void> write(K key, V value) {
    String encoded = keys.encode(key);
    String[] k = {prefix + encoded, generationKey(encoded)};
    byte[] bytes = bytes(value);
    byte[] px = ttlOf(value);
    CompletableFuture<Long> set = counted(redis.call(c -> c.<Long>eval(Generations.WRITE, ScriptOutputType.INTEGER, k, bytes, px,
        generationTtl)));
    return then(set, () -> counted(redis.publish(Invalidations.keyMessage(redis, cacheName, encoded))));
  }

  /** An invalidation: the key deleted and its generation bumped (one script), then the broadcast. */
  CompletableFuture<Void> delete(K key) {
    String encoded = keys.encode(key);
    String[] k = {prefix + encoded, generationKey(encoded)};
    CompletableFuture<Long> del = counted(redis.call(c -> c.<Long>eval(Generations.DELETE, ScriptOutputType.INTEGER, k, generationTtl)));
    return then(del, () -> counted(redis.publish(Invalidations.keyMessage(redis, cacheName, encoded))));
  }

  /** Every key of this cache deleted (SCAN by prefix, then DEL per page), then the broadcast. */
  CompletableFuture<Void> deleteAll() {
    String[] k = {allGenerationKey};
    CompletableFuture<Long> bump = counted(redis.call(c -> c.<Long>eval(Generations.BUMP, ScriptOutputType.INTEGER, k, generationTtl)));
    CompletableFuture<Void> done = new CompletableFuture<>();
    (bump == null ? CompletableFuture.completedFuture(0L) : bump).whenComplete((n, t) -> scanAndDelete(ScanCursor.INITIAL, done));
    return done.handle((v, t) -> null)
        .thenCompose(v -> both(null, counted(redis.publish(Invalidations.allMessage(redis, cacheName)))));
  }

  /** Completes once {@code first} is done (or skipped) and then {@code next}'s command; never fails. */
  private static CompletableFuture<Void> then(CompletableFuture<?> first,
      java.util.function.Supplier<CompletableFuture<?>> next) {
    CompletableFuture<?> a = first == null ? CompletableFuture.completedFuture(null) : first;
    return a.handle((v, t) -> null).thenCompose(v -> both(null, next.get()));
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
