package io.vivace.cache.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vivace.cache.Cache;
import io.vivace.cache.CacheStats;
import io.vivace.cache.Item;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The code docs/caching.md quotes, run: a cache built, read through, and its counters. */
class CachingGuideTest {
  private final AtomicInteger queries = new AtomicInteger();

  private Future<Item> findItem(int id) {
    queries.incrementAndGet();
    return Future.succeededFuture(id == 404 ? null : new Item(id, "item " + id));
  }

  @Test
  void readThrough() {
    // tag::l1-cache[]
    Cache<Integer, Item> items = Cache.<Integer, Item>builder("items")
        .maximumSize(50_000)                       // L1 bound, in entries
        .expireAfterWrite(Duration.ofMinutes(10))  // each entry lives 9 to 10 minutes (jitter 0.1)
        .negativeTtl(Duration.ofSeconds(5))        // "not found" is kept 5 s
        .build();

    Future<Item> item = items.get(42, id -> findItem(id)); // the loader runs on a miss only
    // end::l1-cache[]
    assertEquals("item 42", item.result().name());
    items.get(42, this::findItem);
    items.get(404, this::findItem);
    items.get(404, this::findItem);
    assertEquals(2, queries.get());
    // tag::stats[]
    CacheStats stats = items.stats();
    long hits = stats.l1().hits();       // 2: one for 42, one for the cached "not found" 404
    long loads = stats.l1().loads();     // 2
    // end::stats[]
    assertEquals(2, hits);
    assertEquals(2, loads);
  }
}
