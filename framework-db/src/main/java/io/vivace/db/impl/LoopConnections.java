package io.vivace.db.impl;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The default connection layout: every event loop of the app's Vert.x owns {@code perLoop}
 * pipelined PostgreSQL connections ({@link LoopConnection}), opened on that loop.
 *
 * <ul>
 *   <li>On an event loop, a statement goes to that loop's connection (round-robin among them
 *       when there are several), so the statement and its result never change threads. Past the
 *       pipelining limit it waits in that connection's queue, in order, rather than spreading to
 *       another loop's connection, which would move its result to another thread.</li>
 *   <li>Off an event loop (a worker or virtual thread, a plain thread), the loops' connections are
 *       taken round-robin, and the result is handed back to the caller's Vert.x context when it
 *       has one.</li>
 *   <li>While a loop has no connection (lost, reconnecting), its statements go to another loop's
 *       connection; with none anywhere they fail at once with a 503 problem.</li>
 * </ul>
 * Thread-safe.
 */
final class LoopConnections implements Statements {
  private final VertxInternal vertx;
  private final LoopConnection[][] loops;
  /** The loops' threads, index for index with {@link #loops}; set once every loop has reported. */
  private volatile Thread[] threads = new Thread[0];
  /** Round-robin position of callers off the event loops; racy on purpose (any value is valid). */
  private int next;

  /** @param meters the database's meters, or null when metrics are off */
  LoopConnections(Vertx vertx, PgConnectOptions options, int perLoop, int preparedMax, DbMeters meters) {
    this(vertx, options, perLoop, preparedMax, meters, "");
  }

  /**
   * @param meters the database's meters, or null when metrics are off
   * @param server "" for the primary; for a read replica, {@code "replica N "}: it goes into each
   *     connection's {@code application_name} ({@code vivace replica 0 loop 1}) and log name
   */
  LoopConnections(Vertx vertx, PgConnectOptions options, int perLoop, int preparedMax, DbMeters meters, String server) {
    this.vertx = (VertxInternal) vertx;
    List<EventLoop> eventLoops = new ArrayList<>();
    for (EventExecutor e : this.vertx.nettyEventLoopGroup()) {
      eventLoops.add((EventLoop) e);
    }
    loops = new LoopConnection[eventLoops.size()][perLoop];
    for (int i = 0; i < loops.length; i++) {
      ContextInternal context = this.vertx.contextBuilder().withEventLoop(eventLoops.get(i)).build();
      for (int j = 0; j < perLoop; j++) {
        PgConnectOptions named = new PgConnectOptions(options);
        named.addProperty("application_name", "vivace " + server + "loop " + i + (perLoop > 1 ? "." + j : ""));
        loops[i][j] = new LoopConnection(context, named, server + "event loop " + i + (perLoop > 1 ? " #" + j : ""),
            preparedMax, server.isEmpty() ? meters : null);
      }
    }
  }

  /**
   * Opens every connection, each on its loop. Fails only when none opened (then nothing keeps
   * trying); otherwise the loops whose first attempt failed keep trying in the background.
   */
  Future<Void> open() {
    return open(true);
  }

  /**
   * Opens every connection, each on its loop. With {@code required} as {@link #open()}; without,
   * the future succeeds once every first attempt is over, however many opened, and the others
   * keep trying in the background (a read replica that is down at start).
   */
  Future<Void> open(boolean required) {
    List<Future<Boolean>> opening = new ArrayList<>();
    for (LoopConnection[] loop : loops) {
      for (LoopConnection c : loop) {
        opening.add(c.open());
      }
    }
    return Future.all(opening).compose(done -> {
      Thread[] found = new Thread[loops.length];
      int connected = 0;
      for (int i = 0; i < loops.length; i++) {
        found[i] = loops[i][0].owner();
        for (LoopConnection c : loops[i]) {
          connected += c.live() != null ? 1 : 0;
        }
      }
      threads = found;
      if (connected == 0 && required) {
        String why = loops[0][0].lastFailure();
        return close().transform(ignored -> Future.failedFuture(new IllegalStateException(
            "no connection of the event loops could open: " + why)));
      }
      return Future.succeededFuture();
    });
  }

  /** Closes every connection; reconnecting stops. */
  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (LoopConnection[] loop : loops) {
      for (LoopConnection c : loop) {
        closing.add(c.close());
      }
    }
    return Future.join(closing).mapEmpty();
  }

  /** The number of event loops. */
  int loopCount() {
    return loops.length;
  }

  /** The open connections of event loop {@code loop} now (0-based). Any thread. */
  int openOn(int loop) {
    int open = 0;
    for (LoopConnection c : loops[loop]) {
      open += c.live() != null ? 1 : 0;
    }
    return open;
  }

  /** Connections per event loop, and event loops: for tests and logs. */
  int connections() {
    return loops.length * loops[0].length;
  }

  @Override
  public Future<RowSet<Row>> execute(String sql, Tuple params) {
    LoopConnection lc = pick();
    PgConnection c = lc == null ? null : lc.live();
    if (c == null) {
      return Future.failedFuture(DbProblems.unavailable());
    }
    return back(lc, lc.query(c, sql).execute(params));
  }

  @Override
  public Future<RowSet<Row>> executeBatch(String sql, List<Tuple> batch) {
    LoopConnection lc = pick();
    PgConnection c = lc == null ? null : lc.live();
    if (c == null) {
      return Future.failedFuture(DbProblems.unavailable());
    }
    return back(lc, lc.query(c, sql).executeBatch(batch));
  }

  /**
   * As {@link #execute}, or null when no loop has a connection open (nothing is sent): a read
   * replica's caller then goes to the primary instead.
   */
  Future<RowSet<Row>> tryExecute(String sql, Tuple params) {
    LoopConnection lc = pick();
    PgConnection c = lc == null ? null : lc.live();
    return c == null ? null : back(lc, lc.query(c, sql).execute(params));
  }

  /** The connection for the calling thread, or null when no loop has one open. */
  private LoopConnection pick() {
    Thread t = Thread.currentThread();
    Thread[] ts = threads;
    int home = -1;
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] == t) {
        home = i;
        break;
      }
    }
    if (home < 0) {
      home = Math.floorMod(next++, loops.length);
    }
    LoopConnection[] own = loops[home];
    LoopConnection c = own.length == 1 ? own[0] : own[Math.floorMod(own[0].nextTurn(), own.length)];
    if (c.live() != null) {
      return c;
    }
    for (int i = 1; i <= loops.length; i++) { // this connection is down: any open one
      for (LoopConnection other : loops[(home + i) % loops.length]) {
        if (other.live() != null) {
          return other;
        }
      }
    }
    return null;
  }

  /** {@code result} as is on the connection's own loop; otherwise completed on the caller's context. */
  private <T> Future<T> back(LoopConnection lc, Future<T> result) {
    if (Thread.currentThread() == lc.owner()) {
      return result;
    }
    ContextInternal caller = vertx.getContext();
    if (caller == null) {
      return result;
    }
    PromiseInternal<T> p = caller.promise();
    result.onComplete(p);
    return p.future();
  }
}
