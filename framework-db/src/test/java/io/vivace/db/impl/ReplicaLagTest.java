package io.vivace.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The lag arithmetic of one replica, on made-up clocks (nanoseconds) and WAL positions. */
class ReplicaLagTest {
  private static final long MS = 1_000_000L;

  @Test
  void aReplicaThatReplayedThePrimarysPositionIsCurrent() {
    ReplicaLag lag = new ReplicaLag();
    assertEquals(0, lag.measure(true, 500, 90_000, 500, 1_000 * MS, 1_001 * MS));
    assertEquals(0, lag.measure(true, 700, 90_000, 600, 2_000 * MS, 2_001 * MS), "ahead of the sample: current");
  }

  @Test
  void behindOnAnIdlePrimaryTheClockBoundIsUsedNotTheOldReplayTimestamp() {
    ReplicaLag lag = new ReplicaLag();
    assertEquals(0, lag.measure(true, 500, 3_600_000, 500, 1_000 * MS, 1_001 * MS));
    // a checkpoint's WAL not replayed yet: the last transaction replayed is an hour old, but the
    // replica was current 500 ms ago
    assertEquals(501, lag.measure(true, 500, 3_600_000, 520, 1_500 * MS, 1_501 * MS));
  }

  @Test
  void behindUnderSteadyWritesTheReplayAgeIsUsed() {
    ReplicaLag lag = new ReplicaLag();
    assertEquals(0, lag.measure(true, 500, 5, 500, 1_000 * MS, 1_001 * MS));
    assertEquals(12, lag.measure(true, 900, 12, 1_000, 9_000 * MS, 9_001 * MS));
  }

  @Test
  void pausedReplayGrowsWithTime() {
    ReplicaLag lag = new ReplicaLag();
    assertEquals(0, lag.measure(true, 500, 5, 500, 1_000 * MS, 1_000 * MS));
    assertEquals(1_000, lag.measure(true, 500, 1_000, 600, 2_000 * MS, 2_000 * MS));
    assertEquals(3_000, lag.measure(true, 500, 3_000, 700, 4_000 * MS, 4_000 * MS));
  }

  @Test
  void neverCaughtUpAndNothingReplayedIsUnknown() {
    assertEquals(ReplicaLag.UNKNOWN, new ReplicaLag().measure(true, 100, -1, 200, 0, 5 * MS));
    assertEquals(40, new ReplicaLag().measure(true, 100, 40, 200, 0, 5 * MS), "the replay age alone");
  }

  @Test
  void withoutAnyPrimaryPositionOnlyTheReplayAgeIsKnown() {
    assertEquals(ReplicaLag.UNKNOWN, new ReplicaLag().measure(true, 100, -1, -1, 0, 5 * MS));
    assertEquals(7, new ReplicaLag().measure(true, 100, 7, -1, 0, 5 * MS));
  }

  @Test
  void aServerNotInRecoveryHasNoLag() {
    assertEquals(0, new ReplicaLag().measure(false, -1, -1, 900, 0, 5 * MS));
  }
}
