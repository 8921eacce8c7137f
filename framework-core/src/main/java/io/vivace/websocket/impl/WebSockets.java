package io.vivace.websocket.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vivace.websocket.WebSocketOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's WebSocket settings and meters, made once at start and bound to each HTTP verticle's
 * context ({@link #bind}), where an upgrade finds it ({@link #current}).
 */
public final class WebSockets {
  private static final String KEY = WebSockets.class.getName();
  private static final WebSockets DEFAULTS = new WebSockets(new WebSocketOptions(), null);

  final WebSocketOptions options;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter dropped;

  /** @param registry null when metrics are off */
  public WebSockets(WebSocketOptions options, MeterRegistry registry) {
    this.options = options;
    if (registry != null) {
      dropped = Counter.builder("vivace.ws.dropped").description("WebSocket connections closed because the client fell behind")
          .register(registry);
      Gauge.builder("vivace.ws.open", open, AtomicInteger::get).description("open WebSocket connections").register(registry);
    } else {
      dropped = null;
    }
  }

  /** The frame and message bounds, on the server's options. */
  public void configure(HttpServerOptions server) {
    server.setMaxWebSocketFrameSize(options.maxFrameSize()).setMaxWebSocketMessageSize(options.maxMessageSize());
  }

  /** Binds this to a verticle's context (start, on its loop). */
  public void bind(Context context) {
    context.put(KEY, this);
  }

  /** The app's, from the current request's context; the defaults when none is bound. */
  static WebSockets current() {
    Context c = Vertx.currentContext();
    Object w = c == null ? null : c.get(KEY);
    return w instanceof WebSockets ? (WebSockets) w : DEFAULTS;
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed() {
    open.decrementAndGet();
  }

  void droppedOne() {
    if (dropped != null) {
      dropped.increment();
    }
  }

  /** Open connections now. */
  public int openConnections() {
    return open.get();
  }
}
