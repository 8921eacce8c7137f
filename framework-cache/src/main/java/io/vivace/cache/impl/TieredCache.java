package io.vivace.cache.impl;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.cache.Cache;
import io.vivace.cache.CacheStats;
import io.vivace.cache.Codec;
import io.vivace.cache.KeyCodec;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@link Cache}: L1 ({@link CaffeineTier}), then L2 ({@link RedisTier}, optional), then the
 * loader. A miss puts one pending future in L1 before anything else, so every concurrent caller of
 * that key joins it (single-flight); the L1 hit path is a map lookup and one completed
 * {@link Future}. Thread-safe.
 */
public final class TieredCache<K, V> implements Cache<K, V> {
  private final String name;
  private final CaffeineTier<K> l1;
  private final RedisTier<K, V> l2;
  private final boolean negative;
  private final BulkReads<K, V> bulk;

  /** Built by {@link io.vivace.cache.CacheBuilder}; {@code redis} null for an L1-only cache. */
  public TieredCache(String name, long maximumSize, long ttlNanos, double jitter, long negativeTtlNanos,
      long refreshNanos, Ticker ticker, RedisImpl redis, KeyCodec<K> keys, Codec<V> codec) {
    this.name = name;
    this.negative = negativeTtlNanos > 0;
    this.l1 = new CaffeineTier<>(maximumSize, ttlNanos, jitter, negativeTtlNanos, refreshNanos, ticker);
    if (redis == null) {
      this.l2 = null;
    } else {
      this.l2 = new RedisTier<>(redis, name, keys, codec, Math.max(1, ttlNanos / 1_000_000), jitter,
          Math.max(1, negativeTtlNanos / 1_000_000));
      redis.listen(name, new Invalidations.Listener() {
        @Override
        public void key(String key) {
          K k;
          try {
            k = keys.decode(key);
          } catch (RuntimeException e) {
            l1.invalidateAll(); // a key we cannot read: drop everything rather than keep a stale copy
            return;
          }
          l1.invalidate(k);
        }

        @Override
        public void all() {
          l1.invalidateAll();
        }

        @Override
        public void reconnected() {
          l1.invalidateAll();
        }
      });
    }
    this.bulk = new BulkReads<>(l1, l2, negative);
  }

  /** What a caller sees for what L1 holds: the value, or null for not-found. */
  static Object value(Object held) {
    Object v = CaffeineTier.unwrap(held);
    return v == CaffeineTier.NOT_FOUND ? null : v;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<V> get(K key, Function<? super K, Future<V>> loader) {
    Objects.requireNonNull(key, "key");
    CompletableFuture<Object> cf = l1.getIfPresent(key);
    if (cf != null && cf.isDone() && !cf.isCompletedExceptionally()) {
      Object held = cf.join();
      if (held != null && !(held instanceof CaffeineTier.Failed)) {
        l1.hits.increment();
        if (l1.claimRefresh(held)) {
          refresh(key, loader, (CaffeineTier.Stamped) held);
        }
        return Future.succeededFuture((V) value(held));
      }
    }
    Context ctx = Vertx.currentContext();
    if (cf != null && cf.isDone()) {
      l1.cache.asMap().remove(key, cf); // a failed or empty load on its way out
      cf = null;
    }
    if (cf == null) {
      CompletableFuture<Object> mine = new CompletableFuture<>();
      cf = l1.cache.asMap().putIfAbsent(key, mine);
      if (cf == null) {
        l1.misses.increment();
        load(key, loader, ctx, mine);
        return OnContext.future(mine, ctx);
      }
    }
    l1.hits.increment(); // joined a pending load
    return OnContext.future(cf, ctx);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V getIfPresent(K key) {
    CompletableFuture<Object> cf = l1.getIfPresent(Objects.requireNonNull(key, "key"));
    if (cf == null || !cf.isDone() || cf.isCompletedExceptionally()) {
      return null;
    }
    Object held = cf.join();
    if (held == null || held instanceof CaffeineTier.Failed) {
      return null;
    }
    Object v = value(held);
    if (v != null) {
      l1.hits.increment();
    }
    return (V) v;
  }

  private void load(K key, Function<? super K, Future<V>> loader, Context ctx, CompletableFuture<Object> mine) {
    CompletableFuture<RedisTier.Read> r = l2 == null ? null : l2.get(key);
    if (r == null) {
      callLoader(key, loader, mine, null, ctx);
      return;
    }
    r.whenComplete((read, t) -> OnContext.run(ctx, () -> {
      Object held = t == null && read.bytes() != null ? l2.decode(read.bytes()) : null;
      if (held != null) {
        mine.complete(l1.wrap(held));
      } else {
        callLoader(key, loader, mine, t == null ? read.stamp() : null, ctx);
      }
    }));
  }

  /** Loads; L2 is filled only against {@code stamp}, the generations read before the load (null: no fill). */
  private void callLoader(K key, Function<? super K, Future<V>> loader, CompletableFuture<Object> mine, byte[] stamp,
      Context ctx) {
    Future<V> f;
    long t0 = System.nanoTime();
    try {
      f = Objects.requireNonNull(loader.apply(key), "the loader returned a null future");
    } catch (RuntimeException e) {
      fail(key, mine, e, t0);
      return;
    }
    f.onComplete(v -> {
      l1.loaded(t0);
      Object held = v != null ? v : negative ? CaffeineTier.NOT_FOUND : null;
      if (l2 == null) {
        mine.complete(l1.wrap(held));
      } else {
        l2.fillThenComplete(l1, key, held, stamp, mine, ctx);
      }
    }, t -> fail(key, mine, t, t0));
  }

  /** Ends a load begun at {@code t0} with a failure: out of L1 first, then every waiter fails. */
  private void fail(K key, CompletableFuture<Object> pending, Throwable t, long t0) {
    l1.loadFailed(t0);
    l1.cache.asMap().remove(key, pending);
    pending.complete(new CaffeineTier.Failed(t));
  }

  /** Reloads a value due for refresh in the background; the caller already has the current one. */
  private void refresh(K key, Function<? super K, Future<V>> loader, CaffeineTier.Stamped held) {
    Future<V> f;
    long t0 = System.nanoTime();
    try {
      f = Objects.requireNonNull(loader.apply(key), "the loader returned a null future");
    } catch (RuntimeException e) {
      l1.loadFailed(t0);
      held.refreshing.set(false);
      return;
    }
    f.onComplete(v -> {
      l1.loaded(t0);
      Object next = v != null ? v : negative ? CaffeineTier.NOT_FOUND : null;
      CompletableFuture<Object> current = l1.cache.asMap().get(key);
      if (current != null && current.getNow(null) == held) { // still the entry we refreshed
        if (next == null) {
          l1.cache.asMap().remove(key, current);
        } else {
          // L1 only: a refresh read no generations, so it cannot fill L2 safely; L2 keeps its own TTL
          l1.cache.asMap().replace(key, current, CompletableFuture.completedFuture(l1.wrap(next)));
        }
      }
    }, t -> {
      l1.loadFailed(t0);
      held.refreshing.set(false); // keep serving the current value; the next hit tries again
    });
  }

  @Override
  public Future<Map<K, V>> getAll(Collection<? extends K> keys, Function<? super Set<K>, Future<Map<K, V>>> bulkLoader) {
    return bulk.getAll(keys, bulkLoader);
  }

  @Override
  public Future<Void> put(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    l1.put(key, l1.wrap(value));
    return l2 == null ? Future.succeededFuture() : OnContext.future(l2.write(key, value).thenApply(v -> null),
        Vertx.currentContext());
  }

  @Override
  public Future<Void> invalidate(K key) {
    Objects.requireNonNull(key, "key");
    l1.invalidate(key);
    if (l2 == null) {
      return Future.succeededFuture();
    }
    // Again once L2 has it: a read that got the old value from L2 just before the delete may have
    // put it in L1 meanwhile.
    return OnContext.future(l2.delete(key).thenApply(v -> {
      l1.invalidate(key);
      return null;
    }), Vertx.currentContext());
  }

  @Override
  public Future<Void> invalidateAll() {
    l1.invalidateAll();
    if (l2 == null) {
      return Future.succeededFuture();
    }
    return OnContext.future(l2.deleteAll().thenApply(v -> {
      l1.invalidateAll();
      return null;
    }), Vertx.currentContext());
  }

  /** The in-process tier (for its meters). */
  CaffeineTier<K> l1() {
    return l1;
  }

  /** The Redis tier, or null (for its meters). */
  RedisTier<K, V> l2() {
    return l2;
  }

  @Override
  public CacheStats stats() {
    return new CacheStats(name, l1.stats(), l2 == null ? null : l2.stats());
  }
}
