package io.vivace.auth.throttle;

import io.vertx.core.Future;
import java.time.Clock;

/**
 * Counters and locks with an expiry, for login throttling: in this process
 * ({@link #inProcess(Clock)}) or in Redis ({@link #redis}, shared by every instance of the app, in
 * process while Redis is unreachable).
 * Times are in milliseconds. Every method completes on the caller's Vert.x context when it has
 * one. Thread-safe.
 */
public interface ThrottleStore {

  /** A counter after a hit: its value and the milliseconds until it expires. */
  record Hit(long count, long ttlMs) {
  }

  /**
   * A store in this process's memory, on {@code clock} (tests move it by hand), holding at most
   * {@link io.vivace.auth.AuthOptions#DEFAULT_THROTTLE_ENTRIES} entries.
   */
  static ThrottleStore inProcess(Clock clock) {
    return inProcess(clock, io.vivace.auth.AuthOptions.DEFAULT_THROTTLE_ENTRIES);
  }

  /**
   * A store in this process's memory, on {@code clock}, holding at most {@code maxEntries} counters
   * and locks (a bounded Caffeine cache; past the bound the entries least likely to be used again
   * are evicted). Throws {@link IllegalArgumentException} when {@code maxEntries < 1}.
   */
  static ThrottleStore inProcess(Clock clock, long maxEntries) {
    return new InProcessThrottleStore(clock, maxEntries);
  }

  /**
   * A store in Redis on the app's shared client; every key starts with {@code prefix}. While Redis
   * is unreachable (down at start, connection lost, breaker open, a command failed) it counts in
   * this process instead, on {@code clock}: logins keep working, limits then hold per instance, and
   * counters and locks kept in Redis are not seen until it is back. Never blocks.
   */
  static ThrottleStore redis(io.vivace.cache.Redis redis, String prefix, Clock clock) {
    return redis(redis, prefix, clock, io.vivace.auth.AuthOptions.DEFAULT_THROTTLE_ENTRIES);
  }

  /** As {@link #redis(io.vivace.cache.Redis, String, Clock)}, the in-process fallback holding at most {@code maxEntries}. */
  static ThrottleStore redis(io.vivace.cache.Redis redis, String prefix, Clock clock, long maxEntries) {
    return new RedisThrottleStore(redis, prefix, inProcess(clock, maxEntries));
  }

  /**
   * Adds one to the counter {@code key}; a new counter expires {@code windowMs} after its first
   * hit (a fixed window).
   */
  Future<Hit> hit(String key, long windowMs);

  /** Milliseconds until {@code key} expires; 0 when it does not exist. */
  Future<Long> ttl(String key);

  /** Creates or replaces {@code key} so that it expires in {@code ttlMs} (a lock). */
  Future<Void> set(String key, long ttlMs);

  /** Removes {@code key}. */
  Future<Void> delete(String key);

  /** Releases what the store holds (the shared Redis client is the app's, closed by the app). */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
