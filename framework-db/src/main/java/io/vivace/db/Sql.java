package io.vivace.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Queries with bound parameters ({@code $1, $2, ...}; values are never concatenated into SQL),
 * prepared and cached per connection. Returned futures fail with the data layer's typed
 * exceptions, free of HTTP so repositories work outside requests too: {@link NotFoundException},
 * {@link TooManyRowsException}, {@link ConstraintViolation} (unique, foreign-key, not-null, check),
 * {@link DatabaseUnavailableException} (see {@link io.vivace.db.impl.DbProblems}); other failures as the driver
 * raised them. At the web edge a handler can return such a future as is: they become 404, 409,
 * 422 and 503 problems. Methods may be called from any thread; results complete on the calling event loop's thread,
 * or, off the event loops, on the caller's Vert.x context (a blocking handler's worker or virtual
 * thread); a caller with no Vert.x context gets them on an event-loop thread.
 */
public interface Sql {

  /**
   * The single row's value (as jOOQ's {@code fetchOne}): fails with {@link NotFoundException} when
   * there is no row and with {@link TooManyRowsException} when there is more than one.
   */
  <T> Future<T> one(String sql, Tuple params, RowMapper<T> mapper);

  /** The first row's value, or empty. */
  <T> Future<Optional<T>> optional(String sql, Tuple params, RowMapper<T> mapper);

  /** Every row's value, in order. */
  <T> Future<List<T>> list(String sql, Tuple params, RowMapper<T> mapper);

  /** Runs a statement; the number of rows it affected. */
  Future<Integer> execute(String sql, Tuple params);

  /** Runs one statement for each parameter tuple in one round trip; the rows affected in all. */
  Future<Integer> batch(String sql, List<Tuple> params);

  /**
   * One offset page: {@code sql} (ordered, without LIMIT) gets {@code LIMIT} and {@code OFFSET}
   * appended as bound parameters, and {@code countSql} (a {@code SELECT count(*)} with the same
   * parameters) runs at the same time, not after it. With {@code countSql} null there is no count
   * and the page reports no total. The two statements see the table a few microseconds apart: under
   * concurrent inserts the total is never less than {@code offset + items.size()}, so a client never
   * sees a page beyond {@code total_pages}. Offset pages shift when rows are inserted before the
   * offset (a row can show up on two pages); use {@link #keyset} for lists that must be stable.
   *
   * @param page from {@link io.vivace.pagination.Pagination#offset()}: its size is already clamped
   */
  <T> Future<Page<T>> page(String sql, String countSql, Tuple params, PageRequest page, RowMapper<T> mapper);

  /**
   * One keyset page: the rows of {@code sql} (without ORDER BY or LIMIT) that come after the
   * request's cursor in {@code keyset} order, {@code limit} of them, with the cursor of the next
   * page when there is one. The query is wrapped, so the keyset's columns must be columns of its
   * result. Fails with a 400 problem naming {@code cursor} for a cursor of another list.
   *
   * @param page from {@link io.vivace.pagination.Pagination#keyset()}
   */
  <T> Future<CursorPage<T>> keyset(String sql, Tuple params, Keyset<T> keyset, CursorRequest page, RowMapper<T> mapper);

  /**
   * This {@code Sql} for reads that a read replica may serve ({@code DATABASE_READ_URL}; see
   * {@link DbOptions#READ_URL}): its {@link #one}, {@link #optional}, {@link #list}, {@link #page}
   * and {@link #keyset} go to a replica that answers and lags behind the primary by no more than
   * {@link DbOptions#replicaMaxLagMs()}, on the calling event loop's pipelined connection to it;
   * its {@link #execute} and {@link #batch} are writes and go to the primary, as on this {@code Sql}.
   * The primary serves a read instead:
   * <ul>
   *   <li>without replicas, or when none is up and within the lag bound (fallback);</li>
   *   <li>read-your-writes: when the same request (its Vert.x duplicated context, so every callback
   *       of the request) has already sent a statement to the primary, through this {@code Sql}
   *       itself, {@code execute}/{@code batch} of the read view, or a transaction; every later read
   *       of that request goes to the primary, so it sees its own writes;</li>
   *   <li>when the replica's connection fails while the read is on it (lost, or a statement
   *       cancelled by a conflict with recovery): the read is retried once on the primary.</li>
   * </ul>
   * A replica may serve data up to {@code replicaMaxLagMs} plus one
   * {@link DbOptions#replicaCheckIntervalMs()} old: read through {@code read()} only what may be
   * that stale for another request. Inside a transaction {@code read()} is the transaction itself.
   * The default returns this {@code Sql} (the primary). Any thread; never null.
   */
  default Sql read() {
    return this;
  }
}
