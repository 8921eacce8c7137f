package io.vivace.sse;

import io.vivace.App;
import io.vivace.extract.Extractor;
import io.vivace.extract.Header;
import io.vivace.response.Streamed;
import io.vivace.sse.impl.EventStreamsImpl;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Server-Sent Events (WHATWG HTML, "Server-sent events"; {@code text/event-stream}) as a route's
 * result. An ordinary GET route returns {@link #stream}; its filters, guards, request id, access
 * log and meters apply as to any route, and an exact path with request extractors only stays on
 * the static path.
 *
 * <pre>{@code
 * EventStreams sse = EventStreams.of(app);
 * app.get("/ticks", EventStreams.lastEventId(), last -> sse.stream(last.orElse(null), out -> {
 *   long timer = app.vertx().setPeriodic(1000, t -> out.send(SseEvent.json(List.of(t)).id("" + t)));
 *   out.onClose(() -> app.vertx().cancelTimer(timer)); // the client went away: stop producing
 * }));
 * }</pre>
 *
 * Settings ({@link SseOptions}): {@code VIVACE_SSE_HEARTBEAT}, {@code VIVACE_SSE_MAX_BUFFER},
 * read when the app starts. With metrics on, {@code vivace.sse.dropped} counts slow clients dropped
 * and {@code vivace.sse.open} gauges the open streams.
 */
public interface EventStreams {

  /** The app's event streams (one per app, an {@link App#component}); settings read at start. Declare before the app starts. */
  static EventStreams of(App app) {
    return app.component(EventStreams.class, EventStreamsImpl::attach);
  }

  /**
   * Like {@link #of(App)} with {@code options} instead of the settings (tests).
   *
   * @throws IllegalStateException when the app already has its event streams
   */
  static EventStreams of(App app, SseOptions options) {
    EventStreams made = app.component(EventStreams.class, a -> EventStreamsImpl.attach(a, options));
    if (((EventStreamsImpl) made).options() != options) {
      throw new IllegalStateException("the app already has its event streams");
    }
    return made;
  }

  /** The {@code Last-Event-ID} request header, empty when absent: a request extractor (keeps a route static). */
  static Extractor<Optional<String>> lastEventId() {
    return Header.string("Last-Event-ID").optional();
  }

  /**
   * A {@code text/event-stream} response: {@code 200} with {@code Cache-Control: no-store}, sent at
   * once; then {@code producer} is called on the event loop with the stream's emitter. The stream
   * stays open until the producer closes it, the client goes away, or the client is dropped as too
   * slow.
   *
   * @param lastEventId the client's {@code Last-Event-ID} ({@link #lastEventId()}), given to the
   *     producer as {@link SseEmitter#lastEventId()}; null when none
   * @param producer not null; an exception it throws closes the stream
   */
  Streamed stream(String lastEventId, Consumer<SseEmitter> producer);

  /** {@code stream(null, producer)}. */
  default Streamed stream(Consumer<SseEmitter> producer) {
    return stream(null, producer);
  }

  /** Streams open now, on every event loop. */
  int openStreams();

  /** Clients dropped as too slow since start. */
  long dropped();
}
