package io.vivace.server.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The connections of one event loop that stay open by design (event streams, WebSockets), so a
 * graceful shutdown ends them at the drain rather than waiting for them until its timeout: each
 * ends cleanly (an event stream's last chunk, a WebSocket's close 1001), and its client reconnects
 * elsewhere. Touched on its event loop only.
 */
public final class OpenStreams {
  private static final String KEY = OpenStreams.class.getName();
  private final Set<Runnable> open = new LinkedHashSet<>();
  private boolean draining;

  private OpenStreams() {
  }

  /** Binds a new set to a server verticle's context (start, on its loop). */
  static OpenStreams bind(Context context) {
    OpenStreams s = new OpenStreams();
    context.put(KEY, s);
    return s;
  }

  /** The set of the current context's server, or null off a server's context. */
  public static OpenStreams current(Context context) {
    Object s = context == null ? null : context.get(KEY);
    return s instanceof OpenStreams ? (OpenStreams) s : null;
  }

  /**
   * Adds a connection with the action that ends it; during a drain it is ended at once.
   *
   * @return false when draining: {@code end} has run
   */
  public boolean add(Runnable end) {
    if (draining) {
      end.run();
      return false;
    }
    open.add(end);
    return true;
  }

  /** Removes a connection that ended. */
  public void remove(Runnable end) {
    open.remove(end);
  }

  /** Ends every open connection, on {@code context}'s loop; completes once they were told to end. */
  Future<Void> drain(Context context) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      draining = true;
      for (Runnable end : new ArrayList<>(open)) {
        end.run();
      }
      open.clear();
      done.complete();
    });
    return done.future();
  }
}
