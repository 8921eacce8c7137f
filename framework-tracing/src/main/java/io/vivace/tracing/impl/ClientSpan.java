package io.vivace.tracing.impl;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.vivace.observe.Tracer;

/**
 * The client span of one database statement or Redis command. On failure it records the error's
 * class ({@code error.type}) and, when there is one, the server's status code
 * ({@code db.response.status_code}: PostgreSQL's SQLSTATE), never the error's message (which can
 * hold values). Ended from any thread, once.
 */
final class ClientSpan implements Tracer.ClientSpan {
  private final Span span;

  ClientSpan(Span span) {
    this.span = span;
  }

  @Override
  public void end(Throwable failure, String statusCode) {
    if (statusCode != null) {
      span.setAttribute(SemConv.DB_RESPONSE_STATUS_CODE, statusCode);
    }
    if (failure != null) {
      span.setAttribute(SemConv.ERROR_TYPE, failure.getClass().getName());
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
