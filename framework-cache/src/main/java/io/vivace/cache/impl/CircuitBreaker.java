package io.vivace.cache.impl;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker in front of Redis. Closed: commands go out; {@code threshold} failures in a
 * row (errors or timeouts, each bounded by the command timeout) open it. Open: no command goes out
 * for {@code openNanos}, so callers skip L2 at once instead of each waiting for a timeout. Then
 * half-open: one trial command is let through; its success closes the breaker, its failure opens
 * it again. Opening and closing are logged once each, never per request. Thread-safe, lock-free.
 */
final class CircuitBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

  private final String target;
  private final int threshold;
  private final long openNanos;
  private final LongSupplier nanoClock;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicBoolean trial = new AtomicBoolean();
  private volatile boolean open;
  private volatile long retryAt;

  CircuitBreaker(String target, int threshold, long openNanos, LongSupplier nanoClock) {
    this.target = target;
    this.threshold = threshold;
    this.openNanos = openNanos;
    this.nanoClock = nanoClock;
  }

  /** Whether a command may go out now (closed, or the one trial of a half-open breaker). */
  boolean allow() {
    if (!open) {
      return true;
    }
    return nanoClock.getAsLong() - retryAt >= 0 && trial.compareAndSet(false, true);
  }

  /** Whether the breaker is closed. */
  boolean closed() {
    return !open;
  }

  void success() {
    failures.set(0);
    if (open) {
      open = false;
      trial.set(false);
      LOG.info("Redis at {} answers again: the cache tier is back in use", target);
    }
  }

  void failure(Throwable cause) {
    if (open) {
      retryAt = nanoClock.getAsLong() + openNanos; // the trial failed: stay open
      trial.set(false);
    } else if (failures.incrementAndGet() >= threshold) {
      retryAt = nanoClock.getAsLong() + openNanos;
      trial.set(false);
      open = true;
      LOG.warn("Redis at {} fails ({}): the cache tier is skipped until it answers again; served from L1 and the loaders",
          target, cause.toString());
    }
  }

  /** Opens the breaker at once (the connection is known to be down). */
  void forceOpen(Throwable cause) {
    failures.set(threshold);
    failure(cause);
  }
}
