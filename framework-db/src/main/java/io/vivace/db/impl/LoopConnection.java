package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vivace.db.Database;
import java.util.HashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined {@link PgConnection} owned by one event loop: opened on that loop's context, so
 * its socket, its commands and its results stay on that thread. The PG client sends up to the
 * pipelining limit of statements without waiting for answers and queues the rest in order.
 *
 * <p>When the connection is lost, the statements in flight on it fail at once (the PG client fails
 * them with {@code ClosedConnectionException}, which {@link DbProblems} makes a 503), {@link #live()}
 * returns null, and the loop reconnects after {@value #FIRST_RETRY_MS} ms, doubling up to
 * {@value #MAX_RETRY_MS} ms between attempts, with no limit on attempts, until {@link #close()}.
 *
 * <p>On its own loop, the {@link PreparedQuery} of each SQL string is kept (at most
 * {@code preparedMax} of them, for the life of the connection), so a request does not allocate
 * one; the connection's prepared-statement cache keeps the server-side statements. Other threads
 * may send statements too ({@link #query}): the PG client hands them to the owning loop.
 */
final class LoopConnection {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** Milliseconds before the first reconnect attempt: {@value}. */
  static final long FIRST_RETRY_MS = 50;
  /** The longest wait between reconnect attempts, in milliseconds: {@value}. */
  static final long MAX_RETRY_MS = 1_000;

  private final ContextInternal context;
  private final PgConnectOptions options;
  private final String name;
  private final int preparedMax;
  /** The meters, or null when metrics are off. */
  private final DbMeters meters;
  /** The open connection, or null while disconnected. Written on the owning loop only. */
  private volatile PgConnection conn;
  private volatile Thread owner;
  private volatile boolean closed;
  /** Owning loop only; replaced with each new connection. */
  private HashMap<String, PreparedQuery<RowSet<Row>>> prepared = new HashMap<>();
  private long retryMs = FIRST_RETRY_MS;
  /** Round-robin position among the loop's connections (kept on the loop's first); racy on purpose. */
  private int turn;
  private boolean lost;
  /** Why the last attempt to connect failed (null when none did). */
  private volatile String lastFailure;

  LoopConnection(ContextInternal context, PgConnectOptions options, String name, int preparedMax, DbMeters meters) {
    this.meters = meters;
    this.context = context;
    this.options = options;
    this.name = name;
    this.preparedMax = preparedMax;
  }

  /**
   * Opens the connection on its loop. The future completes when the first attempt is over: true
   * when connected; on false the loop keeps trying in the background.
   */
  Future<Boolean> open() {
    Promise<Boolean> first = Promise.promise();
    context.runOnContext(v -> {
      owner = Thread.currentThread();
      connect(first);
    });
    return first.future();
  }

  /** The owning loop's thread (null before {@link #open()} reached the loop). */
  Thread owner() {
    return owner;
  }

  /** Why the last attempt to connect failed, or null. */
  String lastFailure() {
    return lastFailure;
  }

  /** The next round-robin position among this loop's connections (any value is valid). */
  int nextTurn() {
    return turn++;
  }

  /** The open connection, or null while disconnected. Any thread. */
  PgConnection live() {
    return conn;
  }

  /**
   * The prepared query of {@code sql} on {@code c} (the value {@link #live()} returned): the kept
   * one on the owning loop, a new one elsewhere.
   */
  PreparedQuery<RowSet<Row>> query(PgConnection c, String sql) {
    if (Thread.currentThread() != owner) {
      return c.preparedQuery(sql);
    }
    HashMap<String, PreparedQuery<RowSet<Row>>> kept = prepared;
    PreparedQuery<RowSet<Row>> q = kept.get(sql);
    if (q == null) {
      q = c.preparedQuery(sql);
      if (c == conn && kept.size() < preparedMax) {
        kept.put(sql, q);
      }
    }
    return q;
  }

  /** Closes the connection and stops reconnecting. */
  Future<Void> close() {
    closed = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      PgConnection c = conn;
      conn = null;
      prepared = new HashMap<>();
      (c == null ? Future.<Void>succeededFuture() : c.close()).onComplete(done);
    });
    return done.future();
  }

  private void connect(Promise<Boolean> first) {
    if (closed) {
      first.tryComplete(false);
      return;
    }
    PgConnection.connect(context.owner(), options).onComplete(c -> {
      if (closed) {
        c.close();
        first.tryComplete(false);
        return;
      }
      attach(c);
      first.tryComplete(true);
    }, e -> {
      lastFailure = e.getMessage();
      if (!lost) {
        lost = true;
        LOG.warn("Database connection of {} cannot open: {}; retrying", name, e.getMessage());
      }
      first.tryComplete(false);
      retryLater();
    });
  }

  private void attach(PgConnection c) {
    prepared = new HashMap<>();
    retryMs = FIRST_RETRY_MS;
    c.exceptionHandler(e -> LOG.debug("Database connection of {}: {}", name, e.toString()));
    c.closeHandler(v -> detach(c));
    conn = c;
    if (lost) {
      lost = false;
      LOG.info("Database connection of {} open again", name);
      if (meters != null) {
        meters.reconnected();
      }
    }
  }

  private void detach(PgConnection c) {
    if (conn != c) {
      return;
    }
    conn = null;
    prepared = new HashMap<>();
    if (!closed) {
      lost = true;
      LOG.warn("Database connection of {} lost; reconnecting", name);
      retryLater();
    }
  }

  private void retryLater() {
    long delay = retryMs;
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    context.owner().setTimer(delay, t -> connect(Promise.promise()));
  }
}
