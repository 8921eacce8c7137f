package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.DatabaseUnavailableException;
import java.util.List;

/**
 * The statements of {@code Sql.read()} when the database has read replicas. A read goes to the
 * primary when its request has already used the primary (read-your-writes, {@link DbLocals}) or
 * when no replica is usable ({@link Replicas#pick()}); otherwise to a replica's connection of the
 * calling event loop. A read that fails on the replica because the replica became unavailable
 * ({@link DatabaseUnavailableException} by {@link DbProblems}: the connection lost, the server
 * shutting down, a statement cancelled by a conflict with recovery) is sent again, once, to the
 * primary. Results complete on the request's context. Batches are not reads: they go to the
 * primary ({@link PrimaryStatements}).
 */
final class ReadStatements implements Statements {
  private final LoopConnections primary;
  private final Statements writes;
  private final Replicas replicas;
  /** The meters, or null when metrics are off. */
  private final DbMeters meters;

  ReadStatements(LoopConnections primary, Statements writes, Replicas replicas, DbMeters meters) {
    this.primary = primary;
    this.writes = writes;
    this.replicas = replicas;
    this.meters = meters;
  }

  @Override
  public Future<RowSet<Row>> execute(String sql, Tuple params) {
    ContextInternal request = DbLocals.request();
    if (DbLocals.hasWritten(request)) {
      if (meters != null) {
        meters.readOnPrimary(DbMeters.READ_YOUR_WRITES);
      }
      return DbLocals.onRequest(request, primary.execute(sql, params));
    }
    Replica replica = replicas.pick();
    Future<RowSet<Row>> sent = replica == null ? null : replica.loops().tryExecute(sql, params);
    if (sent == null) {
      if (meters != null) {
        meters.readOnPrimary(DbMeters.FALLBACK);
      }
      return DbLocals.onRequest(request, primary.execute(sql, params));
    }
    if (request == null) {
      return sent.recover(e -> retried(e) ? primary.execute(sql, params) : Future.failedFuture(e));
    }
    PromiseInternal<RowSet<Row>> result = request.promise();
    sent.onComplete((rows, e) -> {
      if (e == null) {
        result.complete(rows);
      } else if (retried(e)) {
        primary.execute(sql, params).onComplete(result);
      } else {
        result.fail(e);
      }
    });
    return result.future();
  }

  /** Whether a read that failed on a replica with {@code e} is sent to the primary (and counted so). */
  private boolean retried(Throwable e) {
    if (!(DbProblems.map(e) instanceof DatabaseUnavailableException)) {
      return false;
    }
    if (meters != null) {
      meters.readOnPrimary(DbMeters.RETRIED);
    }
    return true;
  }

  @Override
  public Future<RowSet<Row>> executeBatch(String sql, List<Tuple> batch) {
    return writes.executeBatch(sql, batch);
  }
}
