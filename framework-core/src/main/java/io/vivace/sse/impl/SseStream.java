package io.vivace.sse.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.response.Streamed;
import io.vivace.sse.SseEmitter;
import io.vivace.sse.SseOptions;
import java.util.function.Consumer;

/** One {@code text/event-stream} response: heads sent at once, then the producer runs with its {@link Emitter}. */
final class SseStream implements Streamed {
  static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final CharSequence X_ACCEL_BUFFERING = HttpHeaders.createOptimized("X-Accel-Buffering");
  private static final CharSequence NO = HttpHeaders.createOptimized("no");

  private static final String COMPRESSING = "io.vivace.sse.compressing";

  private final EventStreamsImpl owner;
  private final SseOptions options;
  private final String lastEventId;
  private final Consumer<SseEmitter> producer;

  SseStream(EventStreamsImpl owner, SseOptions options, String lastEventId, Consumer<SseEmitter> producer) {
    this.owner = owner;
    this.options = options;
    this.lastEventId = lastEventId;
    this.producer = producer;
  }

  /** Marks a server verticle's context as one whose responses may be compressed (start, on its loop). */
  static void compressing(Context context) {
    context.put(COMPRESSING, Boolean.TRUE);
  }

  @Override
  public String contentType() {
    return EVENT_STREAM.toString();
  }

  @Override
  public Future<Void> writeTo(HttpServerResponse response) {
    Context loop = Vertx.currentContext();
    Promise<Void> done = Promise.promise();
    response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    response.putHeader(X_ACCEL_BUFFERING, NO); // nginx: pass events through unbuffered
    if (loop != null && loop.get(COMPRESSING) != null) {
      // never compressed: a compressor holds small writes back until it has a block, events must leave at once
      response.putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY); // the opt-out; removed before sending
    }
    Emitter emitter = new Emitter(response, loop, options, owner, lastEventId, done);
    response.writeHead(); // the client's EventSource opens now, not at the first event
    emitter.start();
    try {
      producer.accept(emitter);
    } catch (RuntimeException e) {
      emitter.close();
      throw e;
    }
    return done.future();
  }
}
