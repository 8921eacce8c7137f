package io.vivace.websocket;

/**
 * A WebSocket route's handler with 1 extracted value(s) ({@code Routes.ws}): called on the event
 * loop right after the upgrade, with the values the extractors took from the upgrade request.
 * Register the session's handlers here; must not block.
 */
@FunctionalInterface
public interface WsHandler1<A> {
  /** The connection is open. */
  void open(A a, WebSocketSession session);
}
