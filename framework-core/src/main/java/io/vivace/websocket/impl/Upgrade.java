package io.vivace.websocket.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.problem.ProblemException;
import io.vivace.websocket.WebSocketSession;
import java.util.function.Consumer;

/**
 * The result of a WebSocket route's endpoint once its extractors have run: {@code Responder}
 * renders it by upgrading the connection (RFC 6455 §4.2) and handing the session to the handler.
 * A request that is not an upgrade gets 426 with {@code Upgrade: websocket}.
 */
public final class Upgrade {
  private final Consumer<WebSocketSession> handler;

  private Upgrade(Consumer<WebSocketSession> handler) {
    this.handler = handler;
  }

  /** The upgrade that opens {@code handler}'s session. */
  public static Upgrade to(Consumer<WebSocketSession> handler) {
    return new Upgrade(handler);
  }

  /** On the event loop: upgrades {@code req}, then runs the handler; a failure before the upgrade is thrown as a problem. */
  public void upgrade(HttpServerRequest req) {
    String upgrade = req.headers().get(HttpHeaders.UPGRADE);
    if (upgrade == null || !upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
      throw ProblemException.of(426, "This resource is a WebSocket: send an upgrade request (RFC 6455).")
          .withHeader("Upgrade", "websocket");
    }
    WebSockets sockets = WebSockets.current();
    req.toWebSocket().onSuccess(ws -> Session.open(ws, sockets, handler));
    // a failed handshake (bad Sec-WebSocket-Key or version) is answered by Vert.x with 400
  }
}
