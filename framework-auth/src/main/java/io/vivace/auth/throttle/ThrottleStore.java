package io.vivace.auth.throttle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Counters and locks with an expiry, for login throttling: in this process
 * ({@link #inProcess(Clock)}) or in Redis ({@link #redis}, shared by every instance of the app).
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
   * A store in Redis through Lettuce at {@code redisUrl} ({@code redis://host:6379/0}); every key
   * starts with {@code prefix}. Connects off the event loop.
   */
  static Future<ThrottleStore> redis(Vertx vertx, String redisUrl, String prefix) {
    return vertx.executeBlocking(() -> new RedisThrottleStore(redisUrl, prefix), false);
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

  /** Releases the connection, if any. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
