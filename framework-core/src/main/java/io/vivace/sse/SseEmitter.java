package io.vivace.sse;

/**
 * The producer's side of one open event stream. Every method may be called from any thread; the
 * bytes are written on the connection's event loop, in call order.
 *
 * <p>Writes are buffered up to {@code VIVACE_SSE_MAX_BUFFER} bytes not yet taken by the client's
 * socket; a client that falls further behind is dropped (the connection is closed and
 * {@code vivace.sse.dropped} counts it). When the stream closes, whoever closed it, the
 * {@link #onClose} callbacks run once, on the event loop: stop producing there (cancel the
 * subscription, the timer...).
 */
public interface SseEmitter {

  /**
   * Sends {@code event}.
   *
   * @return false when the stream is already closed (the event is dropped)
   * @throws RuntimeException when the event's JSON data cannot be encoded (no converter)
   */
  boolean send(SseEvent event);

  /** The {@code Last-Event-ID} the client sent (RFC: resume after this id), or null. */
  String lastEventId();

  /** Whether the stream is still open. */
  boolean isOpen();

  /** Ends the stream normally (the client will reconnect after its retry delay unless it stops). */
  void close();

  /**
   * Runs {@code callback} once when the stream closes: the client went away, it was dropped as too
   * slow, or {@link #close()}. Runs at once (on the caller's thread) if already closed.
   *
   * @return this
   */
  SseEmitter onClose(Runnable callback);
}
