package io.vivace.cache;

import static io.vivace.cache.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vivace.cache.testing.Await;
import io.vivace.cache.testing.RawRedis;
import io.vivace.cache.testing.TestRedis;
import io.vivace.db.testing.TcpProxy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away in the middle of a run and comes back (a TCP proxy in front of the real server
 * is cut and restored; the shared server itself is never stopped). No call fails, the breaker
 * makes callers skip L2 at once, and the tier comes back by itself.
 */
class OutageTest {

  @Test
  void servedWithoutErrorsWhileRedisIsDownAndTheTierRecovers() throws Exception {
    RedisOptions direct = TestRedis.options();
    URI target = URI.create(direct.url());
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
         RawRedis raw = new RawRedis(direct.url())) {
      RedisOptions options = TestRedis.options().keyPrefix(direct.keyPrefix())
          .url("redis://" + target.getHost() + ":" + proxy.port() + (target.getPath() == null ? "" : target.getPath()));
      Redis redis = Redis.create(options);
      result(redis.start());
      try {
        Cache<Integer, Item> cache = Cache.<Integer, Item>builder("outage")
            .redis(redis, KeyCodec.INTEGER, Codec.json(Item.class)).build();
        for (int i = 0; i < 10; i++) {
          result(cache.get(i, OutageTest::load));
        }
        assertTrue(redis.up());

        proxy.cut();
        long started = System.nanoTime();
        for (int i = 0; i < 500; i++) { // L1 hits and new keys: all answered
          int id = i % 20;
          assertEquals(id, result(cache.get(id, OutageTest::load)).id());
          assertTrue(result(cache.put(1000 + i, new Item(1000 + i, "w"))) == null);
          result(cache.invalidate(2000 + i));
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertFalse(redis.up(), "the tier is down while Redis is away");
        assertTrue(cache.stats().l2().skipped() > 0, "the breaker skipped Redis: " + cache.stats().l2());
        assertTrue(tookMs < 5_000, "no per-call timeout wait: 1,500 calls took " + tookMs + " ms");

        proxy.restore();
        Await.until(Duration.ofSeconds(15), "the tier comes back", redis::up);
        result(cache.put(77, new Item(77, "after the outage")));
        assertEquals("{\"id\":77,\"name\":\"after the outage\"}", raw.get(options.keyPrefix() + "outage:77"));
        assertEquals(77, result(cache.get(77, id -> Future.failedFuture("not called"))).id());
      } finally {
        result(redis.close());
      }
    }
  }

  @Test
  void anUnreachableServerAtStartLeavesTheCacheOnL1AndConnectsLater() throws Exception {
    RedisOptions direct = TestRedis.options();
    URI target = URI.create(direct.url());
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
      proxy.cut();
      Redis redis = Redis.create(TestRedis.options().url("redis://" + target.getHost() + ":" + proxy.port()));
      result(redis.start()); // completes: the app starts anyway
      try {
        assertFalse(redis.up());
        Cache<Integer, Item> cache = Cache.<Integer, Item>builder("late")
            .redis(redis, KeyCodec.INTEGER, Codec.json(Item.class)).build();
        assertEquals(1, result(cache.get(1, OutageTest::load)).id());
        proxy.restore();
        Await.until(Duration.ofSeconds(15), "connected in the background", redis::up);
      } finally {
        result(redis.close());
      }
    }
  }

  private static Future<Item> load(int id) {
    return Future.succeededFuture(new Item(id, "item " + id));
  }
}
