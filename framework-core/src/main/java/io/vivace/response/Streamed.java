package io.vivace.response;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/**
 * A response body written as it is produced, for results too large to hold in memory: a handler
 * returns it and Vivace sends {@code 200} with {@link #contentType()} and chunked transfer
 * encoding, then calls {@link #writeTo}. The implementation writes with back-pressure (pausing its
 * source while {@code response.writeQueueFull()}, resuming from {@code drainHandler}) and ends
 * the response. Called on the event loop.
 */
public interface Streamed {

  /** The media type, such as {@code application/json} or {@code application/x-ndjson}. */
  String contentType();

  /**
   * Writes the body to {@code response} (status and headers are set, chunked is on) and ends it.
   *
   * @return completes when the response has ended; a failure after the first bytes cuts the
   *     connection (the status line is already sent)
   */
  Future<Void> writeTo(HttpServerResponse response);
}
