package io.vivace.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vivace.cache.testing.Await;
import io.vivace.cache.testing.TestRedis;
import io.vivace.db.testing.TcpProxy;
import io.vivace.extract.Path;
import io.vivace.testing.JsonTree;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.PrometheusText.Sample;
import io.vivace.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The caches' meters on {@code /metrics} (hits and misses per tier, loads, load time, size, Redis
 * errors and breaker), and Redis in the readiness probe, against a real Redis behind a TCP proxy.
 */
class CacheMetricsTest {

  private static List<Sample> scrape(TestServer s) {
    HttpResponse<String> r = s.get("/metrics");
    assertEquals(200, r.statusCode());
    return PrometheusText.parse(r.body());
  }

  private static double gets(List<Sample> samples, String cache, String tier, String result) {
    return PrometheusText.value(samples, "vivace_cache_gets_total", "cache", cache, "tier", tier, "result", result);
  }

  @Test
  void hitsMissesLoadsAndSizeOfAnL1Cache() {
    AtomicReference<Cache<Integer, String>> holder = new AtomicReference<>();
    try (TestServer s = TestServer.start(app -> {
      Caches caches = Caches.attach(app, null);
      holder.set(caches.register(Cache.<Integer, String>builder("numbers").build()));
      app.get("/n/:id", Path.intValue("id"), id -> holder.get().get(id, k -> k < 0
          ? Future.failedFuture("negative") : Future.succeededFuture("n" + k)));
    })) {
      for (int i = 0; i < 3; i++) {
        assertEquals("n1", s.get("/n/1").body());
      }
      assertEquals("n2", s.get("/n/2").body());
      assertEquals(500, s.get("/n/-1").statusCode());
      List<Sample> samples = scrape(s);
      assertEquals(2.0, gets(samples, "numbers", "l1", "hit"));
      assertEquals(3.0, gets(samples, "numbers", "l1", "miss"));
      assertEquals(2.0, PrometheusText.value(samples, "vivace_cache_loads_total", "cache", "numbers", "result", "success"));
      assertEquals(1.0, PrometheusText.value(samples, "vivace_cache_loads_total", "cache", "numbers", "result", "failure"));
      assertEquals(3.0, PrometheusText.value(samples, "vivace_cache_load_seconds_count", "cache", "numbers"));
      assertTrue(PrometheusText.value(samples, "vivace_cache_load_seconds_sum", "cache", "numbers") > 0);
      assertEquals(2.0, PrometheusText.value(samples, "vivace_cache_size", "cache", "numbers"));
      assertEquals(0.0, PrometheusText.value(samples, "vivace_cache_evictions_total", "cache", "numbers"));
      assertTrue(Double.isNaN(gets(samples, "numbers", "l2", "hit")), "no L2 meters without Redis");
    }
  }

  @Test
  void aCacheRegisteredAfterStartIsMeteredToo() {
    AtomicReference<Caches> holder = new AtomicReference<>();
    try (TestServer s = TestServer.start(app -> holder.set(Caches.attach(app, null)))) {
      Cache<Integer, String> late = holder.get().register(Cache.<Integer, String>builder("late").build());
      Await.result(late.get(1, k -> Future.succeededFuture("one")));
      assertEquals(1.0, gets(scrape(s), "late", "l1", "miss"));
    }
  }

  @Test
  void l2HitsErrorsBreakerAndReadinessFollowRedis() throws Exception {
    RedisOptions direct = TestRedis.options();
    URI target = URI.create(direct.url());
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
      RedisOptions options = TestRedis.options().keyPrefix(direct.keyPrefix())
          .url("redis://" + target.getHost() + ":" + proxy.port() + (target.getPath() == null ? "" : target.getPath()));
      AtomicReference<Cache<Integer, Item>> first = new AtomicReference<>();
      AtomicReference<Cache<Integer, Item>> second = new AtomicReference<>();
      try (TestServer s = TestServer.start(app -> {
        Caches caches = Caches.attach(app, options);
        first.set(caches.register(Cache.<Integer, Item>builder("words")
            .redis(caches.redis(), KeyCodec.INTEGER, Codec.json(Item.class)).build()));
        Redis other = Redis.create(options); // another instance of the app: its own client and L1
        app.onStart(vertx -> other.start());
        app.onStop(vertx -> other.close());
        second.set(Cache.<Integer, Item>builder("words")
            .redis(other, KeyCodec.INTEGER, Codec.json(Item.class)).build());
        app.get("/a/:id", Path.intValue("id"), id -> first.get().get(id, k -> Future.succeededFuture(new Item(k, "w" + k)))
            .map(Item::name));
        app.get("/b/:id", Path.intValue("id"), id -> second.get().get(id, k -> Future.succeededFuture(new Item(k, "other")))
            .map(Item::name));
      })) {
        Await.until(Duration.ofSeconds(10), "Redis connected", () -> s.get("/health/ready").statusCode() == 200);
        assertEquals("other", s.get("/b/1").body()); // the other instance loads key 1, fills L2, then answers
        assertEquals("other", s.get("/a/1").body()); // L1 miss, L2 hit
        assertEquals("w2", s.get("/a/2").body()); // L1 miss, L2 miss, load, fill
        assertEquals("w2", s.get("/a/2").body()); // L1 hit
        List<Sample> up = scrape(s);
        assertEquals(1.0, gets(up, "words", "l2", "hit"));
        assertEquals(1.0, gets(up, "words", "l2", "miss"));
        assertEquals(1.0, gets(up, "words", "l1", "hit"));
        assertEquals(2.0, gets(up, "words", "l1", "miss"));
        assertEquals(1.0, PrometheusText.value(up, "vivace_redis_up"));
        assertEquals(0.0, PrometheusText.value(up, "vivace_redis_circuit_open"));
        assertEquals(0.0, PrometheusText.value(up, "vivace_cache_l2_errors_total", "cache", "words"));

        proxy.cut();
        for (int i = 10; i < 20; i++) {
          assertEquals("w" + i, s.get("/a/" + i).body(), "served from the loader while Redis is away");
        }
        Await.until(Duration.ofSeconds(10), "the breaker opens", () ->
            PrometheusText.value(scrape(s), "vivace_redis_circuit_open") == 1.0);
        List<Sample> down = scrape(s);
        assertEquals(0.0, PrometheusText.value(down, "vivace_redis_up"));
        assertTrue(PrometheusText.value(down, "vivace_cache_l2_skipped_total", "cache", "words")
            + PrometheusText.value(down, "vivace_cache_l2_errors_total", "cache", "words") > 0);
        HttpResponse<String> ready = s.get("/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("not ready: redis down", JsonTree.object(ready.body()).get("detail"));

        proxy.restore();
        Await.until(Duration.ofSeconds(15), "ready again", () -> s.get("/health/ready").statusCode() == 200);
        assertEquals(1.0, PrometheusText.value(scrape(s), "vivace_redis_up"));
      }
    }
  }

  @Test
  void redisCanBeLeftOutOfReadiness() throws Exception {
    RedisOptions direct = TestRedis.options();
    URI target = URI.create(direct.url());
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
      proxy.cut();
      RedisOptions options = TestRedis.options().readiness(false)
          .url("redis://" + target.getHost() + ":" + proxy.port() + (target.getPath() == null ? "" : target.getPath()));
      try (TestServer s = TestServer.start(app -> Caches.attach(app, options))) {
        assertEquals(200, s.get("/health/ready").statusCode(), "ready with Redis away");
        assertEquals(0.0, PrometheusText.value(scrape(s), "vivace_redis_up"));
      }
    }
  }
}
