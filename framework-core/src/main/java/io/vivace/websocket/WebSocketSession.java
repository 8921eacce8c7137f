package io.vivace.websocket;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * One open WebSocket connection (RFC 6455), given to a route's handler right after the upgrade.
 * Register the message handlers in the handler (they run on the connection's event loop, in
 * arrival order, and must not block). The send methods may be called from any thread; frames leave
 * on the event loop, in call order.
 *
 * <p><b>Sizes.</b> A frame larger than {@code VIVACE_WS_MAX_FRAME_SIZE} or a message larger than
 * {@code VIVACE_WS_MAX_MESSAGE_SIZE} (bytes) closes the connection with {@link #MESSAGE_TOO_BIG}.
 * <b>Back-pressure.</b> Bytes sent but not yet taken by the client's socket are counted
 * ({@link #bufferedBytes()}); beyond {@code VIVACE_WS_MAX_BUFFER} the connection is closed with
 * {@link #TRY_AGAIN_LATER} and the send returns false. <b>Keep-alive.</b> Every
 * {@code VIVACE_WS_PING_INTERVAL} ms the server pings; a client that has not answered (pong, or
 * any message) by the next ping is closed with {@link #GOING_AWAY}.
 */
public interface WebSocketSession {
  /** RFC 6455 §7.4.1 close code 1000: normal closure. */
  short NORMAL = 1000;
  /** 1001: going away (server shutting down, or a client that stopped answering pings). */
  short GOING_AWAY = 1001;
  /** 1007: a message's data is not of its type (such as a JSON message that does not parse). */
  short INVALID_DATA = 1007;
  /** 1008: policy violation. */
  short POLICY_VIOLATION = 1008;
  /** 1009: a frame or message too big. */
  short MESSAGE_TOO_BIG = 1009;
  /** 1011: the server met an unexpected condition (a message handler threw). */
  short INTERNAL_ERROR = 1011;
  /** 1013 (IANA registry): try again later; a client too slow to take what is sent. */
  short TRY_AGAIN_LATER = 1013;

  /** Handles each text message (replaces a previous text or JSON handler). */
  WebSocketSession onText(Consumer<String> handler);

  /** Handles each binary message. */
  WebSocketSession onBinary(Consumer<Buffer> handler);

  /**
   * Handles each text message as JSON of {@code type} (DSL-JSON, compiled converter; replaces a
   * previous text or JSON handler). A message that does not parse closes the connection with
   * {@link #INVALID_DATA}.
   */
  <T> WebSocketSession onJson(Class<T> type, Consumer<T> handler);

  /**
   * Runs once when the connection closes, whoever closed it, with the close code received or sent
   * (1006 when the connection was lost without a close frame). On the event loop.
   */
  WebSocketSession onClose(Consumer<Short> handler);

  /** Sends a text message; false when closed or closed now as too slow. */
  boolean sendText(String text);

  /** Sends a binary message; false when closed or closed now as too slow. */
  boolean sendBinary(Buffer bytes);

  /**
   * Sends {@code value} as JSON in a text message (DSL-JSON, encoded on the caller's thread).
   *
   * @return false when closed or closed now as too slow
   */
  boolean sendJson(Object value);

  /** Closes with {@link #NORMAL}. */
  default void close() {
    close(NORMAL, null);
  }

  /** Closes with {@code code} (RFC 6455 §7.4) and a reason (≤ 123 bytes of UTF-8), null for none. */
  void close(short code, String reason);

  /** Whether the connection is open. */
  boolean isOpen();

  /** Bytes sent but not yet written to the client's socket. */
  long bufferedBytes();

  /** The request path of the upgrade. */
  String path();
}
