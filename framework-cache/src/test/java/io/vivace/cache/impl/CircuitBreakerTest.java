package io.vivace.cache.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's states on a fake clock: closed, open after the threshold, one trial, closed again. */
class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong();
  private final CircuitBreaker breaker = new CircuitBreaker("test", 3, 1_000, now::get);
  private final IOException down = new IOException("down");

  @Test
  void opensAfterTheThresholdAndLetsOneTrialThroughAfterTheOpenTime() {
    breaker.failure(down);
    breaker.failure(down);
    assertTrue(breaker.allow(), "below the threshold");
    breaker.success(); // a success resets the count
    breaker.failure(down);
    breaker.failure(down);
    assertTrue(breaker.closed());
    breaker.failure(down);
    assertFalse(breaker.closed());
    assertFalse(breaker.allow(), "open: nothing goes out");
    now.addAndGet(999);
    assertFalse(breaker.allow());
    now.addAndGet(1);
    assertTrue(breaker.allow(), "half-open: one trial");
    assertFalse(breaker.allow(), "only one");
    breaker.failure(down);
    assertFalse(breaker.allow(), "the trial failed: open again for the whole open time");
    now.addAndGet(1_000);
    assertTrue(breaker.allow());
    breaker.success();
    assertTrue(breaker.closed());
    assertTrue(breaker.allow());
    assertTrue(breaker.allow());
  }

  @Test
  void aLostConnectionOpensAtOnce() {
    breaker.forceOpen(down);
    assertFalse(breaker.allow());
  }
}
