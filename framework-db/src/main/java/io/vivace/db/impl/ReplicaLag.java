package io.vivace.db.impl;

/**
 * How far one read replica is behind the primary, in milliseconds, from one measurement: the
 * primary's WAL position (taken first) and the replica's replay position and the age of the last
 * transaction it replayed (taken after). Pure arithmetic over the values given, so a test drives it
 * with made-up clocks.
 *
 * <ul>
 *   <li>A server that is not in recovery (not a standby) has no lag: 0.</li>
 *   <li>A replica that has replayed the primary's position is current: 0, and that moment is
 *       remembered as the last time it was caught up.</li>
 *   <li>Behind: the smaller of two upper bounds of the age of the oldest write it misses: the time
 *       since the last measurement that found it caught up, and the age of the last transaction it
 *       replayed ({@code now() - pg_last_xact_replay_timestamp()} on the replica). The first is
 *       exact to one measurement interval and holds on an idle primary (whose background WAL makes
 *       the second one large); the second is exact under a steady write load.</li>
 *   <li>Neither known (behind since the first measurement and no transaction replayed yet):
 *       {@link #UNKNOWN}, which counts as too far behind.</li>
 * </ul>
 * While the primary does not answer, its last known position is used: a replica that replayed it
 * stays current, as the primary cannot have written more that anyone read. Not thread-safe: one
 * measurement at a time (the replica's probe).
 */
final class ReplicaLag {
  /** The lag could not be measured. */
  static final long UNKNOWN = -1;
  private static final long NEVER = Long.MIN_VALUE;

  /** {@code System.nanoTime()} of the primary position the replica was last found to have replayed. */
  private long caughtUpAt = NEVER;

  /**
   * The lag now, in ms, or {@link #UNKNOWN}.
   *
   * @param inRecovery {@code pg_is_in_recovery()} of the replica
   * @param replayLsn the replica's {@code pg_last_wal_replay_lsn()} as a byte position, or -1 (null)
   * @param replayAgeMs ms since the commit of the last transaction the replica replayed, or -1 (null)
   * @param primaryLsn the primary's {@code pg_current_wal_lsn()} as a byte position, or -1 when never known
   * @param primaryAt {@code System.nanoTime()} when {@code primaryLsn} was asked for
   * @param now {@code System.nanoTime()} now
   */
  long measure(boolean inRecovery, long replayLsn, long replayAgeMs, long primaryLsn, long primaryAt, long now) {
    if (!inRecovery) {
      caughtUpAt = now;
      return 0;
    }
    if (primaryLsn >= 0 && replayLsn >= primaryLsn) {
      caughtUpAt = primaryAt;
      return 0;
    }
    long byClock = caughtUpAt == NEVER ? UNKNOWN : Math.max(0, (now - caughtUpAt) / 1_000_000);
    long byReplay = replayAgeMs < 0 ? UNKNOWN : replayAgeMs;
    if (byClock == UNKNOWN) {
      return byReplay;
    }
    return byReplay == UNKNOWN ? byClock : Math.min(byClock, byReplay);
  }
}
