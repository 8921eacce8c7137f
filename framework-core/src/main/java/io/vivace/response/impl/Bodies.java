package io.vivace.response.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vivace.json.Json;

/**
 * The render rules of a body, in one place: a {@code String} is text/plain (UTF-8), a
 * {@link Buffer} is application/octet-stream as is, anything else is JSON through its DSL-JSON
 * converter. Used by the responder, {@code Response.encoded}, {@code ETags} and the response cache.
 */
public final class Bodies {
  public static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  public static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  public static final CharSequence OCTET_STREAM = HttpHeaders.createOptimized("application/octet-stream");

  private Bodies() {
  }

  /** The content type of {@code body} (not null) when none is given. */
  public static CharSequence typeOf(Object body) {
    return body instanceof String ? TEXT_PLAIN : body instanceof Buffer ? OCTET_STREAM : APPLICATION_JSON;
  }

  /**
   * The bytes of {@code body} (not null).
   *
   * @throws IllegalArgumentException when a value has no JSON converter
   */
  public static Buffer encode(Object body) {
    return body instanceof Buffer ? (Buffer) body : body instanceof String ? Buffer.buffer((String) body) : Json.encode(body);
  }
}
