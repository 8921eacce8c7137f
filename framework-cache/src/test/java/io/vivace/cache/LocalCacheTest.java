package io.vivace.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vivace.cache.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** L1 alone: single-flight, failures never cached, TTL with jitter and negative caching on a fake clock. */
class LocalCacheTest {
  private final FakeTicker clock = new FakeTicker();

  private Cache<Integer, String> cache(CacheBuilder<Integer, String> b) {
    return b.ticker(clock).build();
  }

  @Test
  void concurrentMissesShareOneLoad() throws Exception {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("single-flight"));
    AtomicInteger loads = new AtomicInteger();
    Promise<String> slow = Promise.promise();
    int callers = 1_000;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<Future<String>>> calls = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      calls.add(pool.submit(() -> {
        start.await();
        return cache.get(7, k -> {
          loads.incrementAndGet();
          return slow.future();
        });
      }));
    }
    start.countDown();
    List<Future<String>> results = new ArrayList<>();
    for (var c : calls) {
      results.add(c.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();
    slow.complete("seven"); // the one load ends only after every caller has asked
    for (Future<String> f : results) {
      assertEquals("seven", f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    }
    assertEquals(1, loads.get(), "the loader ran once for " + callers + " concurrent misses");
    CacheStats.Local s = cache.stats().l1();
    assertEquals(1, s.misses());
    assertEquals(callers - 1, s.hits());
    assertEquals(1, s.loads());
  }

  @Test
  void failuresAreNotCached() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("failures"));
    AtomicInteger loads = new AtomicInteger();
    Future<String> first = cache.get(1, k -> {
      loads.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("database down"));
    });
    assertTrue(first.failed());
    assertEquals("database down", first.cause().getMessage());
    Future<String> thrown = cache.get(1, k -> {
      loads.incrementAndGet();
      throw new IllegalStateException("loader threw");
    });
    assertEquals("loader threw", thrown.cause().getMessage());
    Future<String> second = cache.get(1, k -> {
      loads.incrementAndGet();
      return Future.succeededFuture("one");
    });
    assertEquals("one", second.result());
    assertEquals(3, loads.get());
    assertEquals("one", cache.get(1, k -> Future.failedFuture("not called")).result());
    assertEquals(2, cache.stats().l1().loadFailures());
  }

  @Test
  void aPendingLoadThatFailsFailsEveryWaiterAndIsDropped() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("pending-failure"));
    Promise<String> p = Promise.promise();
    Future<String> a = cache.get(1, k -> p.future());
    Future<String> b = cache.get(1, k -> Future.succeededFuture("not called"));
    p.fail("boom");
    assertTrue(a.failed());
    assertTrue(b.failed());
    assertEquals("fresh", cache.get(1, k -> Future.succeededFuture("fresh")).result());
  }

  @Test
  void entriesExpireAfterTheirTtlMinusJitter() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("ttl")
        .expireAfterWrite(Duration.ofMinutes(10)).jitter(0.1));
    AtomicInteger loads = new AtomicInteger();
    for (int i = 0; i < 200; i++) {
      cache.get(i, k -> {
        loads.incrementAndGet();
        return Future.succeededFuture("v" + k);
      });
    }
    clock.advance(Duration.ofMinutes(9)).advance(Duration.ofSeconds(-1)); // before the earliest expiry
    for (int i = 0; i < 200; i++) {
      cache.get(i, k -> {
        loads.incrementAndGet();
        return Future.succeededFuture("v" + k);
      });
    }
    assertEquals(200, loads.get(), "nothing expires before ttl * (1 - jitter)");
    clock.advance(Duration.ofSeconds(31)); // 9m30s: some, not all, are gone
    int reloaded = reloads(cache, 200);
    assertTrue(reloaded > 0 && reloaded < 200, "jitter spreads expiry, reloaded " + reloaded);
    clock.advance(Duration.ofMinutes(10)); // everything loaded so far is past its TTL
    assertEquals(200, reloads(cache, 200));
  }

  private static int reloads(Cache<Integer, String> cache, int n) {
    AtomicInteger loads = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      cache.get(i, k -> {
        loads.incrementAndGet();
        return Future.succeededFuture("v" + k);
      });
    }
    return loads.get();
  }

  @Test
  void notFoundIsCachedOnlyWithNegativeCachingAndForItsOwnTtl() {
    Cache<Integer, String> plain = cache(Cache.<Integer, String>builder("no-negative"));
    AtomicInteger loads = new AtomicInteger();
    assertNull(plain.get(1, k -> Future.succeededFuture(null)).result());
    assertNull(plain.get(1, k -> {
      loads.incrementAndGet();
      return Future.succeededFuture(null);
    }).result());
    assertEquals(1, loads.get(), "without negative caching a null is loaded again");

    Cache<Integer, String> negative = cache(Cache.<Integer, String>builder("negative")
        .negativeTtl(Duration.ofSeconds(5)).jitter(0));
    assertNull(negative.get(1, k -> Future.succeededFuture(null)).result());
    assertNull(negative.get(1, k -> Future.succeededFuture("not called")).result());
    clock.advance(Duration.ofSeconds(5));
    assertEquals("found", negative.get(1, k -> Future.succeededFuture("found")).result());
  }

  @Test
  void refreshAfterWriteServesTheCurrentValueAndReloadsOnce() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("refresh")
        .expireAfterWrite(Duration.ofMinutes(10)).refreshAfterWrite(Duration.ofMinutes(1)).jitter(0));
    assertEquals("v1", cache.get(1, k -> Future.succeededFuture("v1")).result());
    clock.advance(Duration.ofMinutes(2));
    Promise<String> reload = Promise.promise();
    AtomicInteger loads = new AtomicInteger();
    assertEquals("v1", cache.get(1, k -> {
      loads.incrementAndGet();
      return reload.future();
    }).result(), "the stale value is served while it reloads");
    assertEquals("v1", cache.get(1, k -> {
      loads.incrementAndGet();
      return reload.future();
    }).result());
    assertEquals(1, loads.get(), "one reload at a time");
    reload.complete("v2");
    assertEquals("v2", cache.get(1, k -> Future.succeededFuture("not called")).result());
  }

  @Test
  void getAllLoadsOnlyTheMissingKeysInOneCall() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("bulk"));
    cache.put(1, "one");
    List<Set<Integer>> asked = new ArrayList<>();
    Map<Integer, String> got = cache.getAll(List.of(3, 1, 2, 3), keys -> {
      asked.add(keys);
      return Future.succeededFuture(Map.of(2, "two")); // 3 is not found
    }).result();
    assertEquals(List.of(Set.of(3, 2)), asked);
    assertEquals(List.of(1, 2), new ArrayList<>(got.keySet()), "found keys, in the order asked");
    assertEquals("two", cache.get(2, k -> Future.succeededFuture("not called")).result());
    assertEquals("two", cache.getIfPresent(2));
    assertNull(cache.getIfPresent(3), "not found and not cached");
    assertTrue(cache.getAll(List.of(1, 2), keys -> Future.failedFuture("not called")).succeeded());
  }

  @Test
  void aFailedBulkLoadFailsGetAllAndIsNotCached() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("bulk-failure"));
    Future<Map<Integer, String>> failed = cache.getAll(List.of(1, 2), keys -> Future.failedFuture("down"));
    assertEquals("down", failed.cause().getMessage());
    assertEquals(Map.of(1, "a", 2, "b"),
        cache.getAll(List.of(1, 2), keys -> Future.succeededFuture(Map.of(1, "a", 2, "b"))).result());
    assertEquals(1, cache.stats().l1().loadFailures());
  }

  @Test
  void theSizeBoundEvictsAndCountsEvictions() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("bounded").maximumSize(10));
    for (int i = 0; i < 100; i++) {
      cache.put(i, "v" + i);
    }
    CacheStats.Local s = cache.stats().l1();
    assertTrue(s.size() <= 10, "bounded: " + s);
    assertTrue(s.evictions() >= 90, "evictions counted: " + s);
  }

  @Test
  void invalidateDropsTheValue() {
    Cache<Integer, String> cache = cache(Cache.<Integer, String>builder("invalidate"));
    cache.put(1, "one");
    cache.put(2, "two");
    assertTrue(cache.invalidate(1).succeeded());
    assertEquals("reloaded", cache.get(1, k -> Future.succeededFuture("reloaded")).result());
    assertSame(null, cache.invalidateAll().result());
    assertEquals("again", cache.get(2, k -> Future.succeededFuture("again")).result());
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> Cache.builder("bad name!"));
    assertTrue(e.getMessage().contains("'bad name!'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Cache.builder("c").maximumSize(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Cache.builder("c").jitter(0.9));
    assertTrue(e.getMessage().contains("0.9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Cache.builder("c")
        .expireAfterWrite(Duration.ofSeconds(5)).refreshAfterWrite(Duration.ofSeconds(5)).build());
    assertTrue(e.getMessage().contains("PT5S"), e.getMessage());
  }
}
