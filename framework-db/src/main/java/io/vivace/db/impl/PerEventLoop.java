package io.vivace.db.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vivace.db.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@link Sql} (over its own small pool) per event loop, created the first time a query runs on
 * that loop, so its connections live on the loop that uses them. The key is the event-loop thread
 * (every request runs on a duplicated context of its own, so contexts differ per request). Lookup
 * is a scan of a tiny copy-on-write array by identity (one entry per event loop); off an event
 * loop the shared pool is used. Thread-safe.
 */
final class PerEventLoop {
  private record Entry(Thread loop, SqlImpl sql) {
  }

  private final Supplier<SqlImpl> factory;
  private volatile Entry[] entries = new Entry[0];

  PerEventLoop(Supplier<SqlImpl> factory) {
    this.factory = factory;
  }

  /** The current event loop's {@link Sql}, or {@code shared} off an event loop. */
  Sql current(Sql shared) {
    if (!Context.isOnEventLoopThread()) {
      return shared;
    }
    Thread loop = Thread.currentThread();
    for (Entry e : entries) {
      if (e.loop == loop) {
        return e.sql;
      }
    }
    return create(loop);
  }

  private synchronized Sql create(Thread loop) {
    for (Entry e : entries) {
      if (e.loop == loop) {
        return e.sql;
      }
    }
    Entry[] grown = java.util.Arrays.copyOf(entries, entries.length + 1);
    grown[entries.length] = new Entry(loop, factory.get());
    entries = grown;
    return grown[entries.length - 1].sql;
  }

  /** Closes every per-loop pool. */
  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Entry e : entries) {
      closing.add(e.sql.close());
    }
    return Future.join(closing).mapEmpty();
  }
}
