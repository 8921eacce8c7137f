package io.vivace.auth.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * {@link ThrottleStore} in a bounded Caffeine cache: at most {@code maxEntries} counters and locks,
 * each expiring at its own time on {@code clock}. Past the bound Caffeine evicts the entries least
 * likely to be used again (W-TinyLFU), a constant amount of work per write: no scan of the whole
 * store on the caller's thread. Thread-safe.
 */
final class InProcessThrottleStore implements ThrottleStore {

  /** A counter value and when it expires (clock millis). Immutable. */
  private record Entry(long count, long expiresAt) {
  }

  private final Clock clock;
  private final Cache<String, Entry> entries;

  InProcessThrottleStore(Clock clock, long maxEntries) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
    }
    this.entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry e, long now) {
            return left(e, now);
          }

          @Override
          public long expireAfterUpdate(String key, Entry e, long now, long current) {
            return left(e, now);
          }

          @Override
          public long expireAfterRead(String key, Entry e, long now, long current) {
            return current;
          }
        })
        .build();
  }

  private static long left(Entry e, long nowNanos) {
    return Math.max(0, TimeUnit.MILLISECONDS.toNanos(e.expiresAt) - nowNanos);
  }

  /** Entries held now, after pending maintenance (tests). */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  @Override
  public Future<Hit> hit(String key, long windowMs) {
    long now = clock.millis();
    Entry e = entries.asMap().compute(key, (k, old) -> old == null || old.expiresAt <= now
        ? new Entry(1, now + windowMs) : new Entry(old.count + 1, old.expiresAt));
    return Future.succeededFuture(new Hit(e.count, e.expiresAt - now));
  }

  @Override
  public Future<Long> ttl(String key) {
    Entry e = entries.getIfPresent(key);
    long left = e == null ? 0 : e.expiresAt - clock.millis();
    return Future.succeededFuture(Math.max(0, left));
  }

  @Override
  public Future<Void> set(String key, long ttlMs) {
    entries.put(key, new Entry(1, clock.millis() + ttlMs));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(String key) {
    entries.invalidate(key);
    return Future.succeededFuture();
  }
}
