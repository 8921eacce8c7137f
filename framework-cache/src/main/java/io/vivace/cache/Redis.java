package io.vivace.cache;

import io.vertx.core.Future;
import io.vivace.cache.impl.RedisImpl;

/**
 * One Redis server shared by every cache of an app that has an L2 tier: one Lettuce client with one
 * command connection (commands from all callers are pipelined on it) and one pub/sub connection
 * for invalidation broadcasts. Lettuce reconnects by itself; a circuit breaker keeps callers from
 * waiting on a server that is down ({@link RedisOptions}). Thread-safe.
 *
 * <p>Usually made by {@link Caches#attach} from {@code REDIS_URL}; create one directly for tests
 * or tools.
 */
public interface Redis {

  /** A Redis tier for {@code options}, not connected until {@link #start()}. */
  static Redis create(RedisOptions options) {
    return new RedisImpl(options);
  }

  /**
   * Connects both connections. Completes when the first attempt is done, connected or not: an
   * unreachable server leaves the tier down (caches serve from L1 and loaders) and the connection
   * is retried in the background. Called once.
   */
  Future<Void> start();

  /** Whether the tier is in use now: connected and the circuit breaker closed. */
  boolean up();

  /** Closes the connections and the client's threads. */
  Future<Void> close();
}
