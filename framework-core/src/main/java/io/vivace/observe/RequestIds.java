package io.vivace.observe;

import io.vertx.core.http.HttpServerRequest;
import io.vivace.observe.impl.ObserveLocals;

/**
 * The request id of the request being served. Every request gets one when
 * {@link ObserveOptions#REQUEST_ID} is on (the default): a valid incoming {@value #HEADER} (1 to
 * 128 characters of {@code A-Z a-z 0-9 - _ . : + = / @ ~}) or a new one, echoed in the response's
 * {@value #HEADER}, written in every log line as {@code request_id} and in every problem
 * (RFC 9457) as the member {@code request_id}. The id is kept in the request's Vert.x context
 * (its duplicated context), not in a thread-local, so it follows callbacks of the request that
 * run later (a future completing after a database reply) and never leaks into another request.
 */
public final class RequestIds {
  /** The header that carries the id in both directions: {@value}. */
  public static final String HEADER = "X-Request-Id";

  private RequestIds() {
  }

  /**
   * The id of the request whose Vert.x context is the caller's (its handler, or a callback of its
   * futures), or null when there is none (request ids off, a thread outside Vert.x). Any thread.
   */
  public static String current() {
    return ObserveLocals.currentRequestId();
  }

  /** The id of {@code req}, or null when request ids are off. Any thread. */
  public static String of(HttpServerRequest req) {
    return ObserveLocals.requestId(req);
  }
}
