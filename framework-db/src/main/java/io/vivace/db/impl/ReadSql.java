package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.Keyset;
import io.vivace.db.RowMapper;
import io.vivace.db.Sql;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * {@code Database.read()} with read replicas: the reads ({@code one}, {@code optional},
 * {@code list}, {@code page}, {@code keyset}) over {@link ReadStatements}; the writes
 * ({@code execute}, {@code batch}) on the primary's {@code Sql}, as {@code Database} itself runs them.
 */
final class ReadSql implements Sql {
  private final Sql reads;
  private final Sql primary;

  ReadSql(Sql reads, Sql primary) {
    this.reads = reads;
    this.primary = primary;
  }

  @Override
  public <T> Future<T> one(String sql, Tuple params, RowMapper<T> mapper) {
    return reads.one(sql, params, mapper);
  }

  @Override
  public <T> Future<Optional<T>> optional(String sql, Tuple params, RowMapper<T> mapper) {
    return reads.optional(sql, params, mapper);
  }

  @Override
  public <T> Future<List<T>> list(String sql, Tuple params, RowMapper<T> mapper) {
    return reads.list(sql, params, mapper);
  }

  @Override
  public Future<Integer> execute(String sql, Tuple params) {
    return primary.execute(sql, params);
  }

  @Override
  public Future<Integer> batch(String sql, List<Tuple> params) {
    return primary.batch(sql, params);
  }

  @Override
  public <T> Future<Page<T>> page(String sql, String countSql, Tuple params, PageRequest page, RowMapper<T> mapper) {
    return reads.page(sql, countSql, params, page, mapper);
  }

  @Override
  public <T> Future<CursorPage<T>> keyset(String sql, Tuple params, Keyset<T> keyset, CursorRequest page,
      RowMapper<T> mapper) {
    return reads.keyset(sql, params, keyset, page, mapper);
  }

  @Override
  public Sql read() {
    return this;
  }
}
