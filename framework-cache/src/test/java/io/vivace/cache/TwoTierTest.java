package io.vivace.cache;

import static io.vivace.cache.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.cache.testing.Await;
import io.vivace.cache.testing.RawRedis;
import io.vivace.cache.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * L1 + L2 on a real Redis, with two instances (two Redis connections, two caches of one name) as
 * two running app instances would have.
 */
class TwoTierTest {
  private Redis redisA;
  private Redis redisB;
  private Cache<Integer, Item> a;
  private Cache<Integer, Item> b;
  private final AtomicInteger loads = new AtomicInteger();
  private RawRedis raw;
  private String prefix;

  @BeforeEach
  void start() {
    RedisOptions options = TestRedis.options();
    prefix = options.keyPrefix();
    raw = new RawRedis(options.url());
    redisA = Redis.create(options);
    redisB = Redis.create(options);
    result(redisA.start());
    result(redisB.start());
    assertTrue(redisA.up() && redisB.up());
    a = build(redisA);
    b = build(redisB);
  }

  private static Cache<Integer, Item> build(Redis redis) {
    return Cache.<Integer, Item>builder("items").negativeTtl(Duration.ofSeconds(30))
        .redis(redis, KeyCodec.INTEGER, Codec.json(Item.class)).build();
  }

  @AfterEach
  void stop() {
    result(redisA.close());
    result(redisB.close());
    raw.close();
  }

  private Future<Item> load(int id) {
    loads.incrementAndGet();
    return Future.succeededFuture(new Item(id, "item " + id));
  }

  private static Future<Item> notCalled(int id) {
    return Future.failedFuture(new AssertionError("loader called for " + id));
  }

  @Test
  void aReadFillsBothTiersAndTheOtherInstanceReadsL2() {
    assertEquals(new Item(1, "item 1"), result(a.get(1, this::load)));
    assertEquals(1, loads.get());
    Await.until(Duration.ofSeconds(5), "L2 filled", () -> raw.exists(prefix + "items:1") == 1);
    assertEquals("{\"id\":1,\"name\":\"item 1\"}", raw.get(prefix + "items:1"), "JSON in Redis");
    assertTrue(raw.pttl(prefix + "items:1") > 0, "with a TTL");
    assertEquals(new Item(1, "item 1"), result(b.get(1, TwoTierTest::notCalled)));
    assertEquals(1, b.stats().l2().hits());
    assertEquals(new Item(1, "item 1"), result(b.get(1, TwoTierTest::notCalled)));
    assertEquals(1, b.stats().l1().hits(), "then from B's own L1");
  }

  @Test
  void getAllReadsL2WithOneMgetAndLoadsTheRestInBulk() {
    List<Integer> ids = List.of(1, 2, 3, 4, 5);
    Map<Integer, Item> first = result(a.getAll(ids, keys -> {
      assertEquals(5, keys.size());
      loads.incrementAndGet();
      Map<Integer, Item> m = new java.util.HashMap<>();
      keys.forEach(k -> m.put(k, new Item(k, "item " + k)));
      return Future.succeededFuture(m);
    }));
    assertEquals(ids, List.copyOf(first.keySet()));
    Await.until(Duration.ofSeconds(5), "L2 filled", () -> raw.exists(
        prefix + "items:1", prefix + "items:2", prefix + "items:3", prefix + "items:4", prefix + "items:5") == 5);
    assertEquals(first, result(b.getAll(ids, keys -> Future.failedFuture("not called"))));
    assertEquals(1, loads.get());
  }

  @Test
  void anInvalidationReachesTheOtherInstancesL1() {
    result(a.get(1, this::load));
    Await.until(Duration.ofSeconds(5), "L2 filled", () -> raw.exists(prefix + "items:1") == 1);
    assertEquals("item 1", result(b.get(1, TwoTierTest::notCalled)).name()); // now in B's L1
    result(a.invalidate(1)); // deletes from L2, broadcasts
    Await.until(Duration.ofSeconds(5), "B drops its L1 copy",
        () -> "fresh".equals(result(b.get(1, id -> Future.succeededFuture(new Item(id, "fresh")))).name()));

    result(b.get(2, this::load));
    result(a.put(2, new Item(2, "written by A")));
    Await.until(Duration.ofSeconds(5), "B sees A's write",
        () -> "written by A".equals(result(b.get(2, TwoTierTest::notCalled)).name()));

    result(b.invalidateAll());
    Await.until(Duration.ofSeconds(5), "A drops everything",
        () -> "after".equals(result(a.get(2, id -> Future.succeededFuture(new Item(id, "after")))).name()));
  }

  @Test
  void notFoundIsSharedThroughL2WhenNegativeCachingIsOn() {
    assertNull(result(a.get(404, id -> Future.succeededFuture(null))));
    Await.until(Duration.ofSeconds(5), "L2 filled", () -> raw.exists(prefix + "items:404") == 1);
    assertEquals("", raw.get(prefix + "items:404"), "an empty value marks not-found");
    assertNull(result(b.get(404, id -> Future.succeededFuture(new Item(id, "not called")))));
    assertEquals(1, b.stats().l2().hits());
  }

  @Test
  void callbacksComeBackOnTheCallersEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      result(a.get(7, this::load));
      Context loop = vertx.getOrCreateContext();
      CompletableFuture<Context> seen = new CompletableFuture<>();
      loop.runOnContext(x -> b.get(7, TwoTierTest::notCalled) // a reply from Redis, on a Lettuce thread
          .onComplete(r -> seen.complete(Vertx.currentContext()), seen::completeExceptionally));
      assertSame(loop, seen.get(10, TimeUnit.SECONDS));

      CompletableFuture<Context> loaded = new CompletableFuture<>();
      loop.runOnContext(x -> b.get(8, id -> {
        io.vertx.core.Promise<Item> p = io.vertx.core.Promise.promise();
        new Thread(() -> p.complete(new Item(id, "from another thread"))).start();
        return p.future();
      }).onComplete(r -> loaded.complete(Vertx.currentContext()), loaded::completeExceptionally));
      assertSame(loop, loaded.get(10, TimeUnit.SECONDS));
    } finally {
      result(vertx.close());
    }
  }
}
