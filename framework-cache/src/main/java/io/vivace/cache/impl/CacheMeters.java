package io.vivace.cache.impl;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vivace.cache.Cache;
import io.vivace.cache.CacheStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * A cache's meters, read from the counters the cache keeps anyway (the same ones as
 * {@link CacheStats}): registering them adds no work to a read; the registry reads the counters
 * at each scrape. Tag {@code cache} is the cache's name on every meter.
 *
 * <ul>
 *   <li>{@code vivace.cache.gets} (counter; tags {@code tier}: {@code l1}, {@code l2};
 *       {@code result}: {@code hit}, {@code miss}): reads answered or not by each tier;</li>
 *   <li>{@code vivace.cache.loads} (counter; tag {@code result}: {@code success},
 *       {@code failure}): loader calls;</li>
 *   <li>{@code vivace.cache.load} (function timer, seconds): time spent in loader calls;</li>
 *   <li>{@code vivace.cache.evictions} (counter): L1 entries removed for size or expiry;</li>
 *   <li>{@code vivace.cache.size} (gauge): L1's estimated entries;</li>
 *   <li>{@code vivace.cache.l2.errors} (counter): Redis commands that failed or timed out;</li>
 *   <li>{@code vivace.cache.l2.skipped} (counter): Redis commands not sent while the circuit
 *       breaker was open.</li>
 * </ul>
 */
public final class CacheMeters {
  private CacheMeters() {
  }

  /** Registers the meters of {@code cache} (a cache of another implementation: from its {@link Cache#stats()}). */
  public static void bind(MeterRegistry registry, Cache<?, ?> cache) {
    Tags tags = Tags.of("cache", cache.name());
    if (cache instanceof TieredCache<?, ?> tiered) {
      CaffeineTier<?> l1 = tiered.l1();
      gets(registry, tags, "l1", "hit", l1.hits, LongAdder::sum);
      gets(registry, tags, "l1", "miss", l1.misses, LongAdder::sum);
      loads(registry, tags, "success", l1.loads, LongAdder::sum);
      loads(registry, tags, "failure", l1.loadFailures, LongAdder::sum);
      FunctionTimer.builder("vivace.cache.load", l1, t -> t.loads.sum() + t.loadFailures.sum(),
              t -> t.loadNanos.sum(), TimeUnit.NANOSECONDS)
          .description("Time spent in loader calls").tags(tags).register(registry);
      FunctionCounter.builder("vivace.cache.evictions", l1.evictions, LongAdder::sum)
          .description("L1 entries removed for size or expiry").tags(tags).register(registry);
      Gauge.builder("vivace.cache.size", l1, t -> t.cache.synchronous().estimatedSize())
          .description("L1's estimated number of entries").tags(tags).register(registry);
      RedisTier<?, ?> l2 = tiered.l2();
      if (l2 != null) {
        gets(registry, tags, "l2", "hit", l2.hits, LongAdder::sum);
        gets(registry, tags, "l2", "miss", l2.misses, LongAdder::sum);
        FunctionCounter.builder("vivace.cache.l2.errors", l2.errors, LongAdder::sum)
            .description("Redis commands that failed or timed out").tags(tags).register(registry);
        FunctionCounter.builder("vivace.cache.l2.skipped", l2.skipped, LongAdder::sum)
            .description("Redis commands not sent while the circuit breaker was open").tags(tags).register(registry);
      }
      return;
    }
    gets(registry, tags, "l1", "hit", cache, c -> c.stats().l1().hits());
    gets(registry, tags, "l1", "miss", cache, c -> c.stats().l1().misses());
    loads(registry, tags, "success", cache, c -> c.stats().l1().loads());
    loads(registry, tags, "failure", cache, c -> c.stats().l1().loadFailures());
    FunctionCounter.builder("vivace.cache.evictions", cache, c -> c.stats().l1().evictions())
        .description("L1 entries removed for size or expiry").tags(tags).register(registry);
    Gauge.builder("vivace.cache.size", cache, c -> c.stats().l1().size())
        .description("L1's estimated number of entries").tags(tags).register(registry);
  }

  private static <T> void gets(MeterRegistry registry, Tags tags, String tier, String result, T obj, ToDoubleFunction<T> f) {
    FunctionCounter.builder("vivace.cache.gets", obj, f).description("Cache reads by tier and result")
        .tags(tags).tag("tier", tier).tag("result", result).register(registry);
  }

  private static <T> void loads(MeterRegistry registry, Tags tags, String result, T obj, ToDoubleFunction<T> f) {
    FunctionCounter.builder("vivace.cache.loads", obj, f).description("Loader calls by result")
        .tags(tags).tag("result", result).register(registry);
  }

  /**
   * Registers the shared Redis client's gauges: {@code vivace.redis.up} (1 while connected and
   * the circuit breaker is closed, else 0) and {@code vivace.redis.circuit.open} (1 while the
   * breaker is open or half-open).
   */
  public static void bindRedis(MeterRegistry registry, RedisImpl redis) {
    Gauge.builder("vivace.redis.up", redis, r -> r.up() ? 1 : 0)
        .description("Whether Redis is in use: connected and the circuit breaker closed").register(registry);
    Gauge.builder("vivace.redis.circuit.open", redis.breaker, b -> b.closed() ? 0 : 1)
        .description("Whether the circuit breaker in front of Redis is open (or half-open)").register(registry);
  }
}
