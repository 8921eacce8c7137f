package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Where {@link SqlImpl} sends its prepared statements: the event loops' pipelined connections
 * ({@link LoopConnections}), or one client (a transaction's connection). Failures are raw (not yet
 * mapped by {@code DbProblems}).
 */
interface Statements {

  /** Runs {@code sql} once with {@code params}. */
  Future<RowSet<Row>> execute(String sql, Tuple params);

  /** Runs {@code sql} once per tuple of {@code batch} (non-empty) in one round trip. */
  Future<RowSet<Row>> executeBatch(String sql, List<Tuple> batch);

  /** Statements on {@code client}, prepared through its own cache. */
  static Statements of(SqlClient client) {
    return new Statements() {
      @Override
      public Future<RowSet<Row>> execute(String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params);
      }

      @Override
      public Future<RowSet<Row>> executeBatch(String sql, List<Tuple> batch) {
        return client.preparedQuery(sql).executeBatch(batch);
      }
    };
  }
}
