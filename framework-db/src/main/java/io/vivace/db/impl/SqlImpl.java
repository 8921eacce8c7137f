package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.NotFoundException;
import io.vivace.db.TooManyRowsException;
import io.vivace.db.RowMapper;
import io.vivace.db.Sql;
import io.vivace.db.Keyset;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Sql} over {@link Statements}: the event loops' pipelined connections, or a transaction's
 * connection. Every failure is mapped by {@link DbProblems}.
 */
final class SqlImpl implements Sql {
  private final Statements statements;
  /** The meters, or null when metrics are off. */
  private final DbMeters meters;

  private static final NotFoundException NOT_FOUND = new NotFoundException("the query found no row");

  SqlImpl(Statements statements, DbMeters meters) {
    this.statements = statements;
    this.meters = meters;
  }

  /** Over one client (a transaction's connection). */
  SqlImpl(SqlClient client, DbMeters meters) {
    this(Statements.of(client), meters);
  }

  private Future<RowSet<Row>> run(String sql, Tuple params) {
    long t0 = begin();
    return statements.execute(sql, params).transform(ar -> {
      if (ar.failed()) {
        return mapped(t0, ar.cause());
      }
      end(t0, null);
      return Future.succeededFuture(ar.result());
    });
  }

  /** A statement is sent: its start time when metrics are on. */
  private long begin() {
    DbMeters m = meters;
    return m == null ? 0 : m.begin();
  }

  private void end(long t0, Throwable failure) {
    DbMeters m = meters;
    if (m != null) {
      m.end(t0, failure);
    }
  }

  /** The statement failed: the typed failure, recorded. */
  private <T> Future<T> mapped(long t0, Throwable failure) {
    Throwable typed = DbProblems.map(failure);
    end(t0, typed);
    return Future.failedFuture(typed);
  }

  @Override
  public <T> Future<T> one(String sql, Tuple params, RowMapper<T> mapper) {
    // One transformation (a future and a listener) per statement, not a recover then a compose.
    long t0 = begin();
    return statements.execute(sql, params).transform(ar -> {
      if (ar.failed()) {
        return mapped(t0, ar.cause());
      }
      RowSet<Row> rows = ar.result();
      if (rows.size() > 1) {
        TooManyRowsException tooMany = new TooManyRowsException(rows.size());
        end(t0, tooMany);
        return Future.failedFuture(tooMany);
      }
      end(t0, null);
      RowIterator<Row> it = rows.iterator();
      return it.hasNext() ? Future.succeededFuture(mapper.map(it.next()))
          : Future.failedFuture(NOT_FOUND);
    });
  }

  @Override
  public <T> Future<Optional<T>> optional(String sql, Tuple params, RowMapper<T> mapper) {
    long t0 = begin();
    return statements.execute(sql, params).transform(ar -> {
      if (ar.failed()) {
        return mapped(t0, ar.cause());
      }
      end(t0, null);
      RowIterator<Row> it = ar.result().iterator();
      return Future.succeededFuture(it.hasNext() ? Optional.of(mapper.map(it.next())) : Optional.empty());
    });
  }

  @Override
  public <T> Future<List<T>> list(String sql, Tuple params, RowMapper<T> mapper) {
    long t0 = begin();
    return statements.execute(sql, params).transform(ar -> {
      if (ar.failed()) {
        return mapped(t0, ar.cause());
      }
      end(t0, null);
      RowSet<Row> rows = ar.result();
      List<T> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(mapper.map(row));
      }
      return Future.succeededFuture(out);
    });
  }

  @Override
  public Future<Integer> execute(String sql, Tuple params) {
    return run(sql, params).map(RowSet::rowCount);
  }

  @Override
  public <T> Future<Page<T>> page(String sql, String countSql, Tuple params, PageRequest page, RowMapper<T> mapper) {
    int n = params.size();
    Tuple paged = Tuple.tuple();
    for (int i = 0; i < n; i++) {
      paged.addValue(params.getValue(i));
    }
    paged.addInteger(page.limit()).addLong(page.offset());
    Future<List<T>> items = list(DerivedSql.paged(sql, n), paged, mapper);
    Future<Long> total = countSql == null ? Future.succeededFuture(-1L) : one(countSql, params, r -> r.getLong(0));
    return Future.all(items, total).map(done -> {
      List<T> rows = items.result();
      long count = total.result();
      // The count and the page run at the same time (pipelined on one connection, or on two), as two
      // statements each with its own snapshot, so rows inserted in between can make the count lag
      // behind the page; the total never claims fewer rows than this page proves exist.
      if (count >= 0 && count < page.offset() + rows.size()) {
        count = page.offset() + rows.size();
      }
      return new Page<>(rows, page.page(), page.perPage(), count);
    });
  }

  @Override
  public <T> Future<CursorPage<T>> keyset(String sql, Tuple params, Keyset<T> keyset, CursorRequest page,
      RowMapper<T> mapper) {
    int n = params.size();
    Tuple bound = Tuple.tuple();
    for (int i = 0; i < n; i++) {
      bound.addValue(params.getValue(i));
    }
    if (!page.first()) {
      try {
        keyset.addValues(page.cursor(), bound);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    bound.addInteger(page.limit() + 1); // one more than asked: is there a next page?
    String query = DerivedSql.keyset(sql, n, keyset, page.first());
    return list(query, bound, mapper).map(rows -> {
      if (rows.size() <= page.limit()) {
        return new CursorPage<>(rows, page.limit(), null);
      }
      List<T> items = rows.subList(0, page.limit());
      return new CursorPage<>(List.copyOf(items), page.limit(), keyset.cursorOf(items.get(items.size() - 1)));
    });
  }

  @Override
  public Future<Integer> batch(String sql, List<Tuple> params) {
    if (params.isEmpty()) {
      return Future.succeededFuture(0);
    }
    long t0 = begin();
    return statements.executeBatch(sql, params).transform(ar -> {
      if (ar.failed()) {
        return mapped(t0, ar.cause());
      }
      end(t0, null);
      int total = 0;
      for (RowSet<Row> r = ar.result(); r != null; r = r.next()) {
        total += r.rowCount();
      }
      return Future.succeededFuture(total);
    });
  }
}
