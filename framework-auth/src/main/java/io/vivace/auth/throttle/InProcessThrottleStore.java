package io.vivace.auth.throttle;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ThrottleStore} in a map; expired entries are dropped as the map grows. Thread-safe. */
final class InProcessThrottleStore implements ThrottleStore {
  private static final int SWEEP_ABOVE = 10_000;

  /** A counter value and when it expires (clock millis). Immutable. */
  private record Entry(long count, long expiresAt) {
  }

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  InProcessThrottleStore(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<Hit> hit(String key, long windowMs) {
    long now = clock.millis();
    if (entries.size() > SWEEP_ABOVE) {
      entries.values().removeIf(e -> e.expiresAt <= now);
    }
    Entry e = entries.compute(key, (k, old) -> old == null || old.expiresAt <= now
        ? new Entry(1, now + windowMs) : new Entry(old.count + 1, old.expiresAt));
    return Future.succeededFuture(new Hit(e.count, e.expiresAt - now));
  }

  @Override
  public Future<Long> ttl(String key) {
    Entry e = entries.get(key);
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
    entries.remove(key);
    return Future.succeededFuture();
  }
}
