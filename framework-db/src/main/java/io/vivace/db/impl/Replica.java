package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read replica: its per-event-loop pipelined connections ({@link LoopConnections}, as the
 * primary's) and whether it may serve reads now, which {@link Replicas}' probe decides every
 * interval: it answers, and its lag ({@link ReplicaLag}) is within the bound. State changes are
 * logged once each way (WARN when skipped, INFO when back). Thread-safe: the probe writes the
 * volatile state, readers on any loop read it.
 */
final class Replica {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /**
   * Whether it is a standby, its replay position and the age of the last transaction it replayed
   * (ms, at least 0; null when none was replayed since it started, or not a standby).
   */
  static final String PROBE = "SELECT pg_is_in_recovery(), (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint, "
      + "GREATEST(0, (EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000))::bigint";

  private final DatabaseUrl url;
  private final String name;
  private final LoopConnections loops;
  private final long maxLagMs;
  private final ReplicaLag lag = new ReplicaLag();
  /** May serve reads now. */
  private volatile boolean usable;
  /** The last measured lag in ms, or {@link ReplicaLag#UNKNOWN} (down, not measured). */
  private volatile long lagMs = ReplicaLag.UNKNOWN;
  /** A probe was sent and not answered yet. */
  private volatile boolean probing;
  /** {@code System.nanoTime()} of the last answer to a probe. */
  private volatile long answeredAt = System.nanoTime();
  /** Why it is skipped, as last logged (null while usable or before the first probe). */
  private Skip skippedFor;
  private boolean warnedNotStandby;

  Replica(DatabaseUrl url, LoopConnections loops, long maxLagMs) {
    this.url = url;
    this.name = url.host() + ":" + url.port();
    this.loops = loops;
    this.maxLagMs = maxLagMs;
  }

  /** {@code host:port}, for logs and the meters' tag (no user, no password). */
  String name() {
    return name;
  }

  LoopConnections loops() {
    return loops;
  }

  /** Whether reads may go here now. Any thread. */
  boolean usable() {
    return usable;
  }

  /** Whether a probe was sent and not answered yet. */
  boolean probing() {
    return probing;
  }

  /** The last measured lag in ms, or -1 when unknown (down or never measured). Any thread. */
  long lagMs() {
    return lagMs;
  }

  /**
   * Measures it against the primary's last known position ({@code primaryLsn} asked for at
   * {@code primaryAt}, {@code System.nanoTime()}; -1 when never known). While a probe is still
   * unanswered no other is sent, and the replica is skipped once its last measured lag plus the
   * time since that answer passes the bound.
   */
  void probe(long primaryLsn, long primaryAt) {
    long now = System.nanoTime();
    if (probing) {
      // unanswered: the lag may have grown by as long as it has been silent since the last answer
      long bound = lagMs + (now - answeredAt) / 1_000_000;
      if (usable && (lagMs < 0 || bound > maxLagMs)) {
        skip(Skip.SLOW, "its lag probe has not answered for " + (now - answeredAt) / 1_000_000
            + " ms, so it may lag more than VIVACE_DB_REPLICA_MAX_LAG=" + maxLagMs + " ms");
      }
      return;
    }
    probing = true;
    Future<io.vertx.sqlclient.RowSet<Row>> sent = loops.tryExecute(PROBE, Tuple.tuple());
    if (sent == null) {
      probing = false;
      down("no connection is open");
      return;
    }
    sent.onComplete(rows -> {
      answeredAt = System.nanoTime();
      probing = false;
      RowIterator<Row> it = rows.iterator();
      Row r = it.next();
      boolean inRecovery = r.getBoolean(0);
      Long replay = r.getLong(1);
      Long age = r.getLong(2);
      if (!inRecovery && !warnedNotStandby) {
        warnedNotStandby = true;
        LOG.warn("Read replica {} is not a standby (pg_is_in_recovery() is false); it serves reads with no lag", url);
      }
      long measured = lag.measure(inRecovery, replay == null ? -1 : replay, age == null ? -1 : age, primaryLsn,
          primaryAt, System.nanoTime());
      lagMs = measured;
      if (measured == ReplicaLag.UNKNOWN) {
        skip(Skip.UNMEASURED, "its lag cannot be measured yet (behind the primary, no transaction replayed)");
      } else if (measured > maxLagMs) {
        skip(Skip.LAGGING, "it lags " + measured + " ms behind the primary, more than VIVACE_DB_REPLICA_MAX_LAG=" + maxLagMs + " ms");
      } else {
        back();
      }
    }, e -> {
      probing = false;
      down(e.getMessage());
    });
  }

  private void down(String why) {
    lagMs = ReplicaLag.UNKNOWN;
    skip(Skip.DOWN, "it does not answer (" + why + ")");
  }

  /** Why a replica is skipped: a change of reason is logged, a repeat is not. */
  private enum Skip { SLOW, DOWN, UNMEASURED, LAGGING }

  private synchronized void skip(Skip kind, String why) {
    usable = false;
    if (skippedFor != kind) {
      LOG.warn("Read replica {} skipped, reads go to the primary: {}", url, why);
    }
    skippedFor = kind;
  }

  private synchronized void back() {
    if (!usable && skippedFor != null) {
      LOG.info("Read replica {} serves reads again (lag {} ms)", url, lagMs);
    } else if (!usable) {
      LOG.info("Read replica {} serves reads (lag {} ms)", url, lagMs);
    }
    skippedFor = null;
    usable = true;
  }

  Future<Void> close() {
    usable = false;
    return loops.close();
  }
}
