package io.vivace.server.impl;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1.x connection that has neither read nor written anything for the idle timeout,
 * as Vert.x's {@code HttpServerOptions.setIdleTimeout} does, at a per-connection rather than a
 * per-request cost. Vert.x's idle timeout is Netty's {@code IdleStateHandler}, which reads the
 * clock on every read and, for every response, swaps the write's void promise for a new one and
 * adds a listener that reads the clock again. This handler only sets a flag on a read or a write;
 * a check scheduled on the connection's event loop every quarter of the timeout clears the flag,
 * and after four checks in a row that found it clear, sends Vert.x the same
 * {@link IdleStateEvent} that closes the connection. A silent connection is thus closed between
 * one and 1.25 timeouts after its last byte, and a response still being written keeps it open.
 *
 * <p>One instance per connection, confined to its event loop.
 */
final class IdleCloser extends ChannelDuplexHandler implements Runnable {
  /** Checks per timeout: a silent connection is closed within {@code (1 + 1/CHECKS)} timeouts. */
  static final int CHECKS = 4;

  private final long periodNanos;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> next;
  private boolean active;
  private int quietChecks;

  private IdleCloser(long timeoutNanos) {
    this.periodNanos = Math.max(1, timeoutNanos / CHECKS);
  }

  /**
   * Adds an idle closer for {@code timeoutNanos} to {@code connection}'s channel, in place of
   * Vert.x's idle handler when the channel has one (a TLS server keeps Vert.x's from the end of the
   * handshake until the connection is made, which for HTTP/2 is when the client's preface has
   * arrived); called once per connection, on its event loop (an {@code HttpServer} connection
   * handler).
   *
   * @return false, having done nothing, when the connection does not expose its channel (then it
   *     has no idle timeout from here)
   */
  static boolean install(HttpConnection connection, long timeoutNanos) {
    if (!(connection instanceof ConnectionBase)) {
      return false;
    }
    io.netty.channel.ChannelPipeline pipeline = ((ConnectionBase) connection).channel().pipeline();
    if (pipeline.get(io.netty.handler.timeout.IdleStateHandler.class) != null) {
      pipeline.remove(io.netty.handler.timeout.IdleStateHandler.class);
    }
    pipeline.addFirst("vivace-idle", new IdleCloser(timeoutNanos));
    return true;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      schedule();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (next == null) {
      schedule();
    }
    super.channelActive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    active = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    active = true;
    ctx.write(msg, promise);
  }

  /** The scheduled check, on the connection's event loop. */
  @Override
  public void run() {
    next = null;
    if (!ctx.channel().isOpen()) {
      return;
    }
    if (active) {
      active = false;
      quietChecks = 0;
    } else if (++quietChecks >= CHECKS) {
      ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT); // Vert.x closes the connection
      return;
    }
    schedule();
  }

  private void schedule() {
    next = ctx.executor().schedule(this, periodNanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }
}
