package io.vivace.cache;

import com.dslplatform.json.CompiledJson;

/**
 * A snapshot of one cache's counters since it was built, per tier. Counters only grow. Written as
 * JSON by the cache statistics route ({@link Caches#statsRoute}).
 *
 * @param name the cache's name
 * @param l1 the in-process tier
 * @param l2 the Redis tier, or null when the cache has none
 */
@CompiledJson
public record CacheStats(String name, Local l1, Remote l2) {

  /**
   * The in-process tier (Caffeine).
   *
   * @param hits reads answered by L1 (a pending load joined counts as a hit)
   * @param misses reads L1 did not have
   * @param loads loader calls that succeeded (a bulk load counts once)
   * @param loadFailures loader calls that failed or whose future failed
   * @param evictions entries removed for size or expiry (not explicit invalidations)
   * @param size the estimated number of entries now
   */
  @CompiledJson
  public record Local(long hits, long misses, long loads, long loadFailures, long evictions, long size) {
  }

  /**
   * The Redis tier.
   *
   * @param hits keys found in Redis
   * @param misses keys Redis did not have
   * @param errors commands that failed or timed out
   * @param skipped commands not sent because the circuit breaker was open (Redis down)
   * @param up whether the tier is in use now (connected and the circuit breaker closed)
   */
  @CompiledJson
  public record Remote(long hits, long misses, long errors, long skipped, boolean up) {
  }
}
