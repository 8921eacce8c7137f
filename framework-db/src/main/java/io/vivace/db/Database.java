package io.vivace.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vivace.App;
import io.vivace.db.impl.DatabaseImpl;
import io.vivace.response.Streamed;
import java.util.function.Function;

/**
 * An app's PostgreSQL database through the Vert.x PG client: each event loop owns a pipelined
 * connection, opened on that loop, that carries the queries issued on it (prepared once per
 * connection); a pool serves transactions, cursors and {@link #pool()}. Flyway migrations are
 * applied before the app takes traffic; there is a {@code db} health check, and the embedded
 * server when no {@code DATABASE_URL} is given. See {@link DbOptions} for the layout. With read
 * replicas ({@code DATABASE_READ_URL}), the reads declared through {@link #read()} go to them, with
 * read-your-writes per request, a lag bound and fallback to the primary; everything else, this
 * interface's own queries included, goes to the primary.
 *
 * <pre>{@code
 * App app = Vivace.app();
 * Database db = Database.attach(app);
 * app.get("/worlds/:id", Path.intValue("id"),
 *     id -> db.one("SELECT id, randomnumber FROM world WHERE id = $1", Tuple.of(id), World::from));
 * }</pre>
 *
 * Queries may be issued once the app has started. Thread-safe.
 */
public interface Database extends Sql {

  /** Attaches a database configured from the environment ({@link DbOptions#fromEnvironment()}, read at start). */
  static Database attach(App app) {
    return new DatabaseImpl(app, null);
  }

  /** Attaches a database with the given options. */
  static Database attach(App app, DbOptions options) {
    return new DatabaseImpl(app, java.util.Objects.requireNonNull(options, "options"));
  }

  /**
   * Runs {@code work} in a transaction on one pooled connection: committed when its future succeeds,
   * rolled back when it fails (the failure is passed on, typed by {@link io.vivace.db.impl.DbProblems}).
   */
  <T> Future<T> inTransaction(Function<Sql, Future<T>> work);

  /**
   * Streams the rows of {@code sql} as a JSON array (or, with {@code ndjson}, one JSON value per
   * line as {@code application/x-ndjson}): return it from a handler. Rows are read through a
   * cursor, {@code fetchSize} at a time, with back-pressure from the client's connection, so
   * memory stays constant for any row count.
   */
  <T> Streamed stream(String sql, io.vertx.sqlclient.Tuple params, RowMapper<T> mapper, int fetchSize, boolean ndjson);

  /**
   * The pool (once started), for what this API does not cover and that needs a connection of its
   * own ({@code LISTEN}, session settings). Plain queries do not use it.
   */
  Pool pool();

  /** Where the database is (once started): {@code DATABASE_URL}'s, or the embedded server's. */
  DatabaseUrl url();
}
