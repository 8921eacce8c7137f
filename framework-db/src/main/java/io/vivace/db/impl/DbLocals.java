package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.AccessMode;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request scope of read-your-writes. Vert.x serves each HTTP request on a duplicated context of
 * its own, current in the request's handler and in every callback of the request; the slot
 * {@link #WROTE} on that context says that the request has sent a statement to the primary, so its
 * later reads go there too ({@link ReadStatements}). Nothing is allocated for it: the slot holds
 * the shared {@code Boolean.TRUE}, and it goes away with the request's context.
 *
 * <p>The PG client completes a statement's future on its connection's own context, so with read
 * replicas on, {@link #onRequest} hands every result back on the request's context: the callbacks
 * that issue the request's next statements then find the slot. Registered as a
 * {@link VertxServiceProvider} so the slot exists before Vert.x creates its first context.
 */
public final class DbLocals implements VertxServiceProvider {
  /**
   * On a request's duplicated context: {@code TRUE} once it sent a statement to the primary;
   * {@code FALSE} when its reads go to the primary because its client wrote shortly before
   * ({@link StickyPrimary}).
   */
  static final ContextLocal<Boolean> WROTE = ContextLocal.registerLocal(Boolean.class);

  /** For {@link java.util.ServiceLoader}. */
  public DbLocals() {
  }

  @Override
  public void init(VertxBootstrap bootstrap) {
    // nothing: loading this class registered the slot
  }

  /** The calling thread's request context (a duplicated context), or null outside one. Any thread. */
  static ContextInternal request() {
    ContextInternal c = ContextInternal.current();
    return c != null && c.isDuplicate() ? c : null;
  }

  /** Remembers on {@code request} (null: nothing) that it sent a statement to the primary. */
  static void wrote(ContextInternal request) {
    if (request != null && WROTE.get(request, AccessMode.CONCURRENT) != Boolean.TRUE) {
      WROTE.put(request, AccessMode.CONCURRENT, Boolean.TRUE);
    }
  }

  /** Sends the reads of {@code request} (null: nothing) to the primary, without counting it as a write. */
  static void pinned(ContextInternal request) {
    if (request != null && WROTE.get(request, AccessMode.CONCURRENT) == null) {
      WROTE.put(request, AccessMode.CONCURRENT, Boolean.FALSE);
    }
  }

  /** Whether {@code request} (null: false) itself sent a statement to the primary. */
  static boolean usedPrimary(ContextInternal request) {
    return request != null && WROTE.get(request, AccessMode.CONCURRENT) == Boolean.TRUE;
  }

  /** Whether the reads of {@code request} (null: false) go to the primary: it sent a statement there, or is pinned. */
  static boolean hasWritten(ContextInternal request) {
    return request != null && WROTE.get(request, AccessMode.CONCURRENT) != null;
  }

  /**
   * {@code result}, completing on {@code request} (its callbacks run with it current); as is when
   * {@code request} is null. On the request's own event loop the hand-over runs inline (no task).
   */
  static <T> Future<T> onRequest(ContextInternal request, Future<T> result) {
    if (request == null) {
      return result;
    }
    PromiseInternal<T> p = request.promise();
    result.onComplete(p);
    return p.future();
  }
}
