package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The primary's statements when the database has read replicas: each one marks the calling
 * request as having used the primary ({@link DbLocals#wrote}), so the request's later reads
 * through {@code Sql.read()} go to the primary too (read-your-writes), and its result is handed
 * back on the request's context ({@link DbLocals#onRequest}), where the request's next statement
 * looks for the mark. Without replicas the database uses {@link LoopConnections} as is.
 */
final class PrimaryStatements implements Statements {
  private final LoopConnections loops;

  PrimaryStatements(LoopConnections loops) {
    this.loops = loops;
  }

  @Override
  public Future<RowSet<Row>> execute(String sql, Tuple params) {
    ContextInternal request = DbLocals.request();
    DbLocals.wrote(request);
    return DbLocals.onRequest(request, loops.execute(sql, params));
  }

  @Override
  public Future<RowSet<Row>> executeBatch(String sql, List<Tuple> batch) {
    ContextInternal request = DbLocals.request();
    DbLocals.wrote(request);
    return DbLocals.onRequest(request, loops.executeBatch(sql, batch));
  }
}
