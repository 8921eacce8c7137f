package io.vivace.sse.impl;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.sse.SseEmitter;
import io.vivace.sse.SseEvent;
import io.vivace.sse.SseOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream's emitter. State is touched on the connection's event loop only; calls from other
 * threads hop there. The bytes handed to the socket but not yet written are counted
 * ({@code pending}, lowered as each write completes); beyond the bound the client is dropped.
 */
final class Emitter implements SseEmitter {
  private final HttpServerResponse response;
  private final Context loop;
  private final Thread loopThread = Thread.currentThread(); // made on the connection's event loop
  private final long maxBuffer;
  private final long heartbeatMs;
  private final EventStreamsImpl owner;
  private final String lastEventId;
  private final Promise<Void> done;
  private final List<Runnable> onClose = new ArrayList<>(2);
  private volatile boolean open = true;
  private long pending;
  private long timer = -1;
  private boolean wroteSinceBeat;
  private io.vivace.server.impl.OpenStreams openStreams;
  private final Runnable end = this::close;

  Emitter(HttpServerResponse response, Context loop, SseOptions options, EventStreamsImpl owner, String lastEventId,
      Promise<Void> done) {
    this.response = response;
    this.loop = loop;
    this.maxBuffer = options.maxBufferBytes();
    this.heartbeatMs = options.heartbeatMs();
    this.owner = owner;
    this.lastEventId = lastEventId;
    this.done = done;
  }

  /** On the loop: counts the stream, watches the connection, starts the heartbeat. */
  void start() {
    owner.opened();
    openStreams = io.vivace.server.impl.OpenStreams.current(loop);
    response.closeHandler(v -> finish());
    response.exceptionHandler(e -> finish());
    if (openStreams != null && !openStreams.add(end)) {
      return; // the server is draining: ended already
    }
    if (heartbeatMs > 0) {
      timer = loop.owner().setPeriodic(heartbeatMs, id -> {
        if (!wroteSinceBeat) {
          write(SseEncoder.HEARTBEAT);
        }
        wroteSinceBeat = false;
      });
    }
  }

  @Override
  public boolean send(SseEvent event) {
    if (!open) {
      return false;
    }
    Buffer bytes = SseEncoder.encode(event);
    if (onLoop()) {
      write(bytes);
    } else {
      loop.runOnContext(v -> write(bytes));
    }
    return true;
  }

  private boolean onLoop() {
    return Thread.currentThread() == loopThread;
  }

  private void write(Buffer bytes) {
    if (!open) {
      return;
    }
    int n = bytes.length();
    if (pending + n > maxBuffer) {
      owner.droppedOne();
      finish();
      response.reset(); // cut: a slow client does not get a clean end it could mistake for the last event
      return;
    }
    pending += n;
    wroteSinceBeat = true;
    response.write(bytes).onComplete(ar -> pending -= n);
  }

  @Override
  public String lastEventId() {
    return lastEventId;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    if (onLoop()) {
      closeOnLoop();
    } else {
      loop.runOnContext(v -> closeOnLoop());
    }
  }

  private void closeOnLoop() {
    if (open) {
      finish();
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }
  }

  @Override
  public SseEmitter onClose(Runnable callback) {
    if (onLoop()) {
      addOnClose(callback);
    } else {
      loop.runOnContext(v -> addOnClose(callback));
    }
    return this;
  }

  private void addOnClose(Runnable callback) {
    if (open) {
      onClose.add(callback);
    } else {
      callback.run();
    }
  }

  /** On the loop, once: stops the heartbeat and runs the close callbacks. */
  private void finish() {
    if (!open) {
      return;
    }
    open = false;
    owner.closed();
    if (openStreams != null) {
      openStreams.remove(end);
    }
    if (timer >= 0) {
      loop.owner().cancelTimer(timer);
    }
    for (Runnable r : onClose) {
      try {
        r.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(EventStreamsImpl.class).warn("an event stream's close callback failed", e);
      }
    }
    onClose.clear();
    done.tryComplete();
  }
}
