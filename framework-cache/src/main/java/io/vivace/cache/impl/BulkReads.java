package io.vivace.cache.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code getAll} of a {@link TieredCache}: each key missing from L1 gets its pending future in L1
 * first (so concurrent readers of any of them join), then the missing keys are read from L2 in one
 * {@code MGET}, and what is still missing comes from one call of the bulk loader. Thread-safe.
 */
final class BulkReads<K, V> {
  private final CaffeineTier<K> l1;
  private final RedisTier<K, V> l2;
  private final boolean negative;

  BulkReads(CaffeineTier<K> l1, RedisTier<K, V> l2, boolean negative) {
    this.l1 = l1;
    this.l2 = l2;
    this.negative = negative;
  }

  @SuppressWarnings("unchecked")
  Future<Map<K, V>> getAll(Collection<? extends K> keys, Function<? super Set<K>, Future<Map<K, V>>> bulkLoader) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(bulkLoader, "bulkLoader");
    Context ctx = Vertx.currentContext();
    Map<K, CompletableFuture<Object>> all = new LinkedHashMap<>();
    Map<K, CompletableFuture<Object>> mine = new LinkedHashMap<>();
    boolean done = true;
    for (K key : keys) {
      Objects.requireNonNull(key, "a key in keys");
      if (all.containsKey(key)) {
        continue;
      }
      CompletableFuture<Object> cf = l1.getIfPresent(key);
      if (cf != null && cf.isDone() && (cf.isCompletedExceptionally() || cf.getNow(null) == null
          || cf.getNow(null) instanceof CaffeineTier.Failed)) {
        l1.cache.asMap().remove(key, cf); // a failed or empty load on its way out
        cf = null;
      }
      if (cf == null) {
        CompletableFuture<Object> m = new CompletableFuture<>();
        cf = l1.cache.asMap().putIfAbsent(key, m);
        if (cf == null) {
          l1.misses.increment();
          mine.put(key, m);
          cf = m;
        } else {
          l1.hits.increment();
        }
      } else {
        l1.hits.increment();
      }
      all.put(key, cf);
      done &= cf.isDone() && !cf.isCompletedExceptionally() && !(cf.getNow(null) instanceof CaffeineTier.Failed);
    }
    if (!mine.isEmpty()) {
      bulkLoad(mine, bulkLoader, ctx);
      done = false;
    }
    if (done) {
      return Future.succeededFuture(collect(all));
    }
    CompletableFuture<Object> combined = CompletableFuture.allOf(all.values().toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> collect(all));
    return (Future<Map<K, V>>) (Future<?>) OnContext.future(combined, ctx);
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> collect(Map<K, CompletableFuture<Object>> all) {
    Map<K, V> out = new LinkedHashMap<>();
    all.forEach((k, cf) -> {
      Object held = cf.join();
      if (held instanceof CaffeineTier.Failed) {
        throw new java.util.concurrent.CompletionException(((CaffeineTier.Failed) held).cause);
      }
      Object v = TieredCache.value(held);
      if (v != null) {
        out.put(k, (V) v);
      }
    });
    return out;
  }

  private void bulkLoad(Map<K, CompletableFuture<Object>> mine, Function<? super Set<K>, Future<Map<K, V>>> loader,
      Context ctx) {
    List<K> keyList = new ArrayList<>(mine.keySet());
    CompletableFuture<List<RedisTier.Read>> r = l2 == null ? null : l2.reads(keyList);
    if (r == null) {
      callBulkLoader(mine, loader, null, ctx);
      return;
    }
    r.whenComplete((reads, t) -> OnContext.run(ctx, () -> {
      Map<K, CompletableFuture<Object>> rest = new LinkedHashMap<>();
      Map<K, byte[]> stamps = new java.util.HashMap<>();
      for (int i = 0; i < keyList.size(); i++) {
        K key = keyList.get(i);
        RedisTier.Read read = t == null ? reads.get(i) : null;
        Object held = read != null && read.bytes() != null ? l2.decode(read.bytes()) : null;
        if (held != null) {
          mine.get(key).complete(l1.wrap(held));
        } else {
          rest.put(key, mine.get(key));
          if (read != null) {
            stamps.put(key, read.stamp());
          }
        }
      }
      callBulkLoader(rest, loader, stamps, ctx);
    }));
  }

  /** Loads the pending keys; L2 is filled only against the generations read before (none: no fill). */
  private void callBulkLoader(Map<K, CompletableFuture<Object>> pending,
      Function<? super Set<K>, Future<Map<K, V>>> loader, Map<K, byte[]> stamps, Context ctx) {
    if (pending.isEmpty()) {
      return;
    }
    Future<Map<K, V>> f;
    long t0 = System.nanoTime();
    try {
      f = Objects.requireNonNull(loader.apply(Collections.unmodifiableSet(new LinkedHashSet<>(pending.keySet()))),
          "the bulk loader returned a null future");
    } catch (RuntimeException e) {
      failAll(pending, e, t0);
      return;
    }
    f.onComplete(found -> {
      l1.loaded(t0);
      pending.forEach((key, cf) -> {
        V v = found == null ? null : found.get(key);
        Object held = v != null ? v : negative ? CaffeineTier.NOT_FOUND : null;
        if (l2 == null) {
          cf.complete(l1.wrap(held));
        } else {
          l2.fillThenComplete(l1, key, held, stamps == null ? null : stamps.get(key), cf, ctx);
        }
      });
    }, t -> failAll(pending, t, t0));
  }

  private void failAll(Map<K, CompletableFuture<Object>> pending, Throwable t, long t0) {
    l1.loadFailed(t0);
    pending.forEach((key, cf) -> {
      l1.cache.asMap().remove(key, cf);
      cf.complete(new CaffeineTier.Failed(t));
    });
  }
}
