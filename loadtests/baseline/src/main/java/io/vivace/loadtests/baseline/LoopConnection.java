package io.vivace.loadtests.baseline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * The one PostgreSQL connection of one {@link BaselineVerticle}, as TechEmpower's fastest Vert.x
 * entries hold it: opened on the verticle's event loop (so every result comes back on the loop
 * that serves the request), no pool, queries pipelined on it up to the connect options' limit
 * ({@link DbEndpoints#PIPELINING_LIMIT}), and its prepared queries created once per connection.
 *
 * <p>When the connection is lost (a database restart), the queries in flight on it fail, the
 * accessors return null so that new requests answer 503, and a new connection is tried after
 * {@value #FIRST_RETRY_MS} ms, doubling up to {@value #MAX_RETRY_MS} ms between attempts.
 * Confined to its event loop: no synchronization.
 */
final class LoopConnection {
  static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1";
  static final String UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2";
  static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 1_000;

  private final Vertx vertx;
  private final PgConnectOptions options;
  // All null while disconnected.
  private PgConnection connection;
  private PreparedQuery<RowSet<Row>> selectWorld;
  private PreparedQuery<RowSet<Row>> updateWorld;
  private PreparedQuery<RowSet<Row>> selectFortunes;
  private boolean closed;
  private long retryMs = FIRST_RETRY_MS;

  LoopConnection(Vertx vertx, PgConnectOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Opens the connection; called on the verticle's event loop, which then owns it. */
  Future<Void> open() {
    return PgConnection.connect(vertx, options).onSuccess(this::attach).mapEmpty();
  }

  /** Closes the connection and stops reconnecting. */
  Future<Void> close() {
    closed = true;
    PgConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close();
  }

  /** {@link #SELECT_WORLD} on this loop's connection, or null while it is down. */
  PreparedQuery<RowSet<Row>> selectWorld() {
    return selectWorld;
  }

  /** {@link #UPDATE_WORLD} on this loop's connection, or null while it is down. */
  PreparedQuery<RowSet<Row>> updateWorld() {
    return updateWorld;
  }

  /** {@link #SELECT_FORTUNES} on this loop's connection, or null while it is down. */
  PreparedQuery<RowSet<Row>> selectFortunes() {
    return selectFortunes;
  }

  private void attach(PgConnection c) {
    if (closed) {
      c.close();
      return;
    }
    connection = c;
    selectWorld = c.preparedQuery(SELECT_WORLD);
    updateWorld = c.preparedQuery(UPDATE_WORLD);
    selectFortunes = c.preparedQuery(SELECT_FORTUNES);
    retryMs = FIRST_RETRY_MS;
    c.closeHandler(v -> detach(c));
  }

  private void detach(PgConnection c) {
    if (connection != c) {
      return;
    }
    connection = null;
    selectWorld = null;
    updateWorld = null;
    selectFortunes = null;
    if (!closed) {
      System.err.println("baseline: database connection lost, reconnecting");
      reconnectLater();
    }
  }

  private void reconnectLater() {
    long delay = retryMs;
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    vertx.setTimer(delay, id -> {
      if (!closed) {
        open().onFailure(err -> reconnectLater());
      }
    });
  }
}
