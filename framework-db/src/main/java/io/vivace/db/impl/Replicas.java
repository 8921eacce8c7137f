package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The read replicas of a database and their probe: every check interval, a Vert.x timer asks the
 * primary for its WAL position, then each replica for its replay position and lag
 * ({@link Replica#probe}). The probe's statements are sent without waiting on anything (pipelined
 * on the loops' connections like any query), so no event loop blocks on them; they are not
 * counted as the app's queries. {@link #pick()} is the per-read choice: round-robin over the
 * replicas usable now, or null. Thread-safe.
 */
final class Replicas {
  /** The primary's WAL position as a byte count. */
  static final String PRIMARY_LSN = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";

  private final Vertx vertx;
  private final LoopConnections primary;
  private final Replica[] replicas;
  private final long intervalMs;
  private volatile long timer = -1;
  private volatile boolean closed;
  private volatile boolean sampling;
  /** The primary's last known WAL position (-1: never known) and when it was asked for. */
  private volatile long primaryLsn = -1;
  private volatile long primaryAt;
  /** Round-robin position; racy on purpose (any value is valid). */
  private int next;

  Replicas(Vertx vertx, LoopConnections primary, List<Replica> replicas, long intervalMs) {
    this.vertx = vertx;
    this.primary = primary;
    this.replicas = replicas.toArray(new Replica[0]);
    this.intervalMs = intervalMs;
  }

  /** The replicas, in {@code DATABASE_READ_URL}'s order. */
  List<Replica> all() {
    return List.of(replicas);
  }

  /**
   * Opens every replica's connections (a replica that is down keeps being tried in the background;
   * it never fails the start), measures each once, then every interval.
   */
  Future<Void> start() {
    List<Future<Void>> opening = new ArrayList<>();
    for (Replica r : replicas) {
      opening.add(r.loops().open(false));
    }
    return Future.join(opening).transform(ignored -> {
      Promise<Void> first = Promise.promise();
      tick(first);
      return first.future();
    }).onComplete(ignored -> {
      if (!closed) {
        timer = vertx.setPeriodic(intervalMs, id -> tick(null));
      }
    });
  }

  /** A replica usable now, or null: reads go to the primary. Any thread. */
  Replica pick() {
    Replica[] all = replicas;
    if (all.length == 1) {
      return all[0].usable() ? all[0] : null;
    }
    int start = Math.floorMod(next++, all.length);
    for (int i = 0; i < all.length; i++) {
      Replica r = all[(start + i) % all.length];
      if (r.usable()) {
        return r;
      }
    }
    return null;
  }

  /** One measurement of every replica; {@code done} (may be null) completes when all answered. */
  private void tick(Promise<Void> done) {
    if (sampling) { // the primary has not answered the last one: measure against its last position
      probeAll(done);
      return;
    }
    sampling = true;
    long asked = System.nanoTime();
    Future<io.vertx.sqlclient.RowSet<Row>> sent = primary.tryExecute(PRIMARY_LSN, Tuple.tuple());
    if (sent == null) {
      sampling = false;
      probeAll(done);
      return;
    }
    sent.onComplete((rows, e) -> {
      sampling = false;
      if (e == null) {
        Long lsn = rows.iterator().next().getLong(0);
        if (lsn != null) {
          primaryAt = asked;
          primaryLsn = lsn;
        }
      }
      probeAll(done);
    });
  }

  private void probeAll(Promise<Void> done) {
    long lsn = primaryLsn;
    long at = primaryAt;
    for (Replica r : replicas) {
      r.probe(lsn, at);
    }
    if (done != null) {
      // the first measurement: wait (bounded by one interval) for the replicas' answers
      long deadline = System.nanoTime() + intervalMs * 1_000_000L;
      awaitProbes(done, deadline);
    }
  }

  private void awaitProbes(Promise<Void> done, long deadline) {
    boolean pending = false;
    for (Replica r : replicas) {
      pending |= r.probing();
    }
    if (!pending || System.nanoTime() > deadline) {
      done.tryComplete();
      return;
    }
    vertx.setTimer(5, t -> awaitProbes(done, deadline));
  }

  /** Stops the probe and closes every replica's connections. */
  Future<Void> close() {
    closed = true;
    long t = timer;
    if (t >= 0) {
      vertx.cancelTimer(t);
    }
    List<Future<Void>> closing = new ArrayList<>();
    for (Replica r : replicas) {
      closing.add(r.close());
    }
    return Future.join(closing).mapEmpty();
  }
}
