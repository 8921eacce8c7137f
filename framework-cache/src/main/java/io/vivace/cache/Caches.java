package io.vivace.cache;

import io.vertx.core.Future;
import io.vivace.App;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An app's caches and their Redis tier, the app's one shared Redis client ({@link Redis#shared}).
 * When {@code REDIS_URL} is set, Redis connects in a start hook (an unreachable server does not
 * stop the app: caches run on L1 and reconnect later) and closes in a stop hook; when unset,
 * {@link #redis()} is null and caches are L1 only.
 *
 * <pre>{@code
 * Caches caches = Caches.attach(app);
 * Cache<Integer, World> worlds = caches.register(Cache.<Integer, World>builder("worlds")
 *     .redis(caches.redis(), KeyCodec.INTEGER, Codec.json(World.class)).build());
 * caches.statsRoute("/metrics/caches");
 * }</pre>
 *
 * Thread-safe.
 */
public final class Caches {
  private final App app;
  private final Redis redis;
  private final List<Cache<?, ?>> caches = new CopyOnWriteArrayList<>();

  private Caches(App app, Redis redis) {
    this.app = app;
    this.redis = redis;
  }

  /**
   * Caches of {@code app}, on the app's shared Redis client ({@link Redis#shared(App)}) when
   * {@code REDIS_URL} is set; a bad {@code REDIS_URL} fails the start in its validation phase.
   */
  public static Caches attach(App app) {
    return new Caches(Objects.requireNonNull(app, "app"), Redis.shared(app));
  }

  /** Caches of {@code app} on the Redis of {@code options}, made the app's shared client (null: L1 only). */
  public static Caches attach(App app, RedisOptions options) {
    return new Caches(Objects.requireNonNull(app, "app"), options == null ? null : Redis.shared(app, options));
  }

  /** The shared Redis tier, or null when there is none. */
  public Redis redis() {
    return redis;
  }

  /** Adds {@code cache} to the statistics route; returns it. */
  public <K, V> Cache<K, V> register(Cache<K, V> cache) {
    caches.add(Objects.requireNonNull(cache, "cache"));
    return cache;
  }

  /** The statistics of every registered cache, in registration order. */
  public List<CacheStats> stats() {
    List<CacheStats> out = new ArrayList<>(caches.size());
    for (Cache<?, ?> c : caches) {
      out.add(c.stats());
    }
    return out;
  }

  /**
   * Serves the statistics of the registered caches at {@code GET path} as a JSON array of
   * {@link CacheStats}. Declare it like any route (before the app starts).
   */
  public Caches statsRoute(String path) {
    app.get(path, () -> Future.succeededFuture(stats()));
    return this;
  }
}
