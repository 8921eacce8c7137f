package io.vivace.cache;

import io.vertx.core.Future;
import io.micrometer.core.instrument.MeterRegistry;
import io.vivace.App;
import io.vivace.cache.impl.CacheMeters;
import io.vivace.metrics.Metrics;
import io.vivace.config.Config;
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
 * caches.statsRoute("/metrics/caches"); // served only with CACHE_STATS_ROUTE=true
 * }</pre>
 *
 * Thread-safe.
 */
public final class Caches {
  /** Whether {@link #statsRoute(String)} serves anything by default: {@value}. */
  public static final boolean DEFAULT_STATS_ROUTE = false;
  /** The setting that turns the statistics route on: {@value}. */
  public static final String STATS_ROUTE_SETTING = "CACHE_STATS_ROUTE";

  private final App app;
  private final Redis redis;
  private final List<Cache<?, ?>> caches = new CopyOnWriteArrayList<>();
  /** The app's metrics registry once started with metrics on; null before or when off. */
  private volatile MeterRegistry registry;

  private Caches(App app, Redis redis) {
    this.app = app;
    this.redis = redis;
    app.onStart(vertx -> {
      registerMeters(Metrics.registry(app));
      return Future.succeededFuture();
    });
  }

  /** Registers the meters of the caches registered so far, and of those registered later. */
  private synchronized void registerMeters(MeterRegistry r) {
    if (r == null) {
      return;
    }
    for (Cache<?, ?> c : caches) {
      CacheMeters.bind(r, c);
    }
    registry = r;
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

  /**
   * Adds {@code cache} to the statistics route and, when the app's metrics are on, to
   * {@code /metrics} (the {@code vivace.cache.*} meters, tag {@code cache} = its name; see
   * docs/observability.md); returns it.
   */
  public <K, V> Cache<K, V> register(Cache<K, V> cache) {
    Objects.requireNonNull(cache, "cache");
    synchronized (this) {
      caches.add(cache);
      MeterRegistry r = registry;
      if (r != null) {
        CacheMeters.bind(r, cache);
      }
    }
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
   * {@link CacheStats}, when the setting {@code CACHE_STATS_ROUTE} (environment, or the system
   * property {@code vivace.cache-stats-route}) is {@code true}; by default
   * ({@link #DEFAULT_STATS_ROUTE}) nothing is served, since the route has no authentication and
   * tells anyone the cache's sizes and hit rates. Declare it like any route (before the app
   * starts). A value that is not a boolean throws {@link io.vivace.config.ConfigException} naming
   * the setting.
   */
  public Caches statsRoute(String path) {
    return statsRoute(path, Config.system().bool(STATS_ROUTE_SETTING, DEFAULT_STATS_ROUTE));
  }

  /**
   * Serves the statistics at {@code GET path} as {@link #statsRoute(String)} does when
   * {@code enabled}, whatever the setting says; does nothing otherwise.
   */
  public Caches statsRoute(String path, boolean enabled) {
    Objects.requireNonNull(path, "path");
    if (enabled) {
      app.get(path, () -> Future.succeededFuture(stats()));
    }
    return this;
  }
}
