package io.vivace.websocket.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vivace.json.Json;
import io.vivace.websocket.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection. State is touched on its event loop only; sends from other threads hop there.
 * Bytes handed to the socket and not yet written are counted; beyond the bound the client is
 * closed as too slow.
 */
final class Session implements WebSocketSession {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
  private static final Buffer PING = Buffer.buffer(new byte[0]);

  private final ServerWebSocket ws;
  private final WebSockets sockets;
  private final Context loop;
  private final Thread loopThread = Thread.currentThread();
  private Consumer<String> onText;
  private Consumer<Buffer> onBinary;
  private Consumer<Short> onClose;
  private volatile boolean open = true;
  private volatile long pending;
  private long timer = -1;
  private boolean heard = true;
  private Short closeCode;
  private io.vivace.server.impl.OpenStreams openStreams;
  private final Runnable end = () -> close(GOING_AWAY, "server shutting down");

  private Session(ServerWebSocket ws, WebSockets sockets) {
    this.ws = ws;
    this.sockets = sockets;
    this.loop = Vertx.currentContext();
  }

  /** On the loop, right after the upgrade. */
  static void open(ServerWebSocket ws, WebSockets sockets, Consumer<WebSocketSession> handler) {
    Session s = new Session(ws, sockets);
    s.start();
    try {
      handler.accept(s);
    } catch (RuntimeException e) {
      LOG.warn("{}: the WebSocket handler failed", ws.path(), e);
      s.close(INTERNAL_ERROR, null);
    }
  }

  private void start() {
    sockets.opened();
    ws.textMessageHandler(t -> {
      heard = true;
      if (onText != null) {
        deliver(onText, t);
      }
    });
    ws.binaryMessageHandler(b -> {
      heard = true;
      if (onBinary != null) {
        deliver(onBinary, b);
      }
    });
    ws.pongHandler(b -> heard = true);
    ws.exceptionHandler(e -> {
      if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size")) {
        close(MESSAGE_TOO_BIG, "message too big"); // Vert.x's aggregator: over VIVACE_WS_MAX_MESSAGE_SIZE
      } else {
        LOG.debug("{}: WebSocket failure", ws.path(), e);
      }
    });
    ws.closeHandler(v -> finish());
    openStreams = io.vivace.server.impl.OpenStreams.current(loop);
    if (openStreams != null && !openStreams.add(end)) {
      return; // the server is draining: closed already
    }
    long ping = sockets.options.pingIntervalMs();
    if (ping > 0) {
      timer = loop.owner().setPeriodic(ping, id -> {
        if (!heard) {
          close(GOING_AWAY, "no pong");
          return;
        }
        heard = false;
        ws.writePing(PING);
      });
    }
  }

  private <T> void deliver(Consumer<T> handler, T message) {
    try {
      handler.accept(message);
    } catch (InvalidMessage e) {
      close(INVALID_DATA, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("{}: a WebSocket message handler failed", ws.path(), e);
      close(INTERNAL_ERROR, null);
    }
  }

  @Override
  public WebSocketSession onText(Consumer<String> handler) {
    this.onText = handler;
    return this;
  }

  @Override
  public WebSocketSession onBinary(Consumer<Buffer> handler) {
    this.onBinary = handler;
    return this;
  }

  @Override
  public <T> WebSocketSession onJson(Class<T> type, Consumer<T> handler) {
    com.dslplatform.json.JsonReader.ReadObject<T> reader = Json.readerFor(type); // fails now for a type without a converter
    this.onText = text -> {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      T value;
      try {
        value = Json.decode(reader, bytes, bytes.length);
      } catch (java.io.IOException | RuntimeException e) {
        throw new InvalidMessage("not a valid " + type.getSimpleName() + " JSON message");
      }
      if (value == null) {
        throw new InvalidMessage("not a valid " + type.getSimpleName() + " JSON message");
      }
      handler.accept(value);
    };
    return this;
  }

  @Override
  public WebSocketSession onClose(Consumer<Short> handler) {
    this.onClose = handler;
    return this;
  }

  @Override
  public boolean sendText(String text) {
    return send(Buffer.buffer(text), true);
  }

  @Override
  public boolean sendBinary(Buffer bytes) {
    return send(bytes, false);
  }

  @Override
  public boolean sendJson(Object value) {
    return send(Json.encode(value), true);
  }

  private boolean send(Buffer bytes, boolean text) {
    if (!open) {
      return false;
    }
    if (Thread.currentThread() == loopThread) {
      return write(bytes, text);
    }
    loop.runOnContext(v -> write(bytes, text));
    return true;
  }

  private boolean write(Buffer bytes, boolean text) {
    if (!open) {
      return false;
    }
    int n = bytes.length();
    if (pending + n > sockets.options.maxBufferBytes()) {
      sockets.droppedOne();
      close(TRY_AGAIN_LATER, "too slow");
      return false;
    }
    pending += n;
    Future<Void> written = text ? ws.writeTextMessage(bytes.toString(StandardCharsets.UTF_8)) : ws.writeBinaryMessage(bytes);
    written.onComplete(ar -> pending -= n);
    return true;
  }

  @Override
  public void close(short code, String reason) {
    if (Thread.currentThread() != loopThread) {
      loop.runOnContext(v -> close(code, reason));
      return;
    }
    if (open) {
      closeCode = code;
      ws.close(code, reason);
      finish();
    }
  }

  private void finish() {
    if (!open) {
      return;
    }
    open = false;
    sockets.closed();
    if (openStreams != null) {
      openStreams.remove(end);
    }
    if (timer >= 0) {
      loop.owner().cancelTimer(timer);
    }
    if (onClose != null) {
      short code = closeCode != null ? closeCode : received();
      try {
        onClose.accept(code);
      } catch (RuntimeException e) {
        LOG.warn("{}: a WebSocket close handler failed", ws.path(), e);
      }
    }
  }

  /** The code of the client's close frame; 1006 when none came (Vert.x 5.0's getter throws then). */
  private short received() {
    try {
      Short code = ws.closeStatusCode();
      return code != null ? code : 1006;
    } catch (NullPointerException e) {
      return 1006;
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public long bufferedBytes() {
    return pending;
  }

  @Override
  public String path() {
    return ws.path();
  }

  /** A message that is not of its declared type: close 1007. */
  static final class InvalidMessage extends RuntimeException {
    InvalidMessage(String message) {
      super(message, null, false, false);
    }
  }
}
