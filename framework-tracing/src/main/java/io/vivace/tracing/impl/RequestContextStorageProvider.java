package io.vivace.tracing.impl;

import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;

/**
 * Makes {@link RequestContextStorage} OpenTelemetry's context storage: found by OpenTelemetry's
 * {@link java.util.ServiceLoader} the first time any code asks for the current context, when it is
 * the only {@link ContextStorageProvider} on the class path (with another one, OpenTelemetry uses
 * its default unless {@code io.opentelemetry.context.contextStorageProvider} names this class).
 */
public final class RequestContextStorageProvider implements ContextStorageProvider {
  /** For {@link java.util.ServiceLoader}. */
  public RequestContextStorageProvider() {
  }

  @Override
  public ContextStorage get() {
    return new RequestContextStorage(ContextStorage.defaultStorage());
  }
}
