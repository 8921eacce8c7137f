package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.DatabaseUrl;
import io.vivace.observe.Tracer;
import io.vivace.observe.Traces;
import java.util.List;

/**
 * {@link Statements} that begin a client span per statement (or batch) under the span of the
 * request being served ({@link Traces#current()}): the database system ({@code postgresql}), the
 * database's name and server, the statement's SQL as prepared (from which the tracer takes the
 * operation and table; parameters are never part of it), and on failure the error's class and
 * PostgreSQL's SQLSTATE. A statement sent outside a request, or under a request the sampler
 * dropped, gets no span. Only in place when tracing is on ({@link #of} returns the statements
 * themselves otherwise), so tracing off costs nothing here. Thread-safe.
 */
final class TracedStatements implements Statements {
  /** OpenTelemetry's name of the database system: {@value}. */
  static final String SYSTEM = "postgresql";

  private final Statements delegate;
  private final Tracer tracer;
  private final String database;
  private final String host;
  private final int port;

  private TracedStatements(Statements delegate, Tracer tracer, String database, String host, int port) {
    this.delegate = delegate;
    this.tracer = tracer;
    this.database = database;
    this.host = host;
    this.port = port;
  }

  /** {@code statements} on {@code url}'s server traced by {@code tracer}, or {@code statements} themselves when it is null (tracing off). */
  static Statements of(Statements statements, Tracer tracer, DatabaseUrl url) {
    return of(statements, tracer, url.database(), url.host(), url.port());
  }

  /**
   * {@code statements} traced by {@code tracer}, or themselves when it is null.
   *
   * @param host the server, or null when the statements go to more than one (a replica or the primary)
   * @param port its port, or 0
   */
  static Statements of(Statements statements, Tracer tracer, String database, String host, int port) {
    return tracer == null ? statements : new TracedStatements(statements, tracer, database, host, port);
  }

  @Override
  public Future<RowSet<Row>> execute(String sql, Tuple params) {
    Tracer.ClientSpan span = begin(sql, 0);
    Future<RowSet<Row>> result = delegate.execute(sql, params);
    return span == null ? result : result.andThen(ar -> end(span, ar.cause()));
  }

  @Override
  public Future<RowSet<Row>> executeBatch(String sql, List<Tuple> batch) {
    Tracer.ClientSpan span = begin(sql, batch.size());
    Future<RowSet<Row>> result = delegate.executeBatch(sql, batch);
    return span == null ? result : result.andThen(ar -> end(span, ar.cause()));
  }

  private Tracer.ClientSpan begin(String sql, int batchSize) {
    Tracer.RequestSpan parent = Traces.current();
    return parent == null ? null : tracer.database(parent, SYSTEM, database, sql, host, port, batchSize);
  }

  private static void end(Tracer.ClientSpan span, Throwable failure) {
    span.end(failure, failure instanceof PgException ? ((PgException) failure).getSqlState() : null);
  }
}
