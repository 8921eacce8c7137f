package io.vivace.observe.impl;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.Tracer;
import io.vivace.observe.TracerProvider;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The app's tracer (an {@link io.vivace.App#component}): null until the app's start has read
 * {@code VIVACE_TRACING}, and null for good when tracing is off.
 */
public final class TracerHolder {
  private volatile Tracer tracer;

  /** The tracer, or null when tracing is off. */
  public Tracer tracer() {
    return tracer;
  }

  /**
   * Opens the tracer when {@code on} (found through {@link ServiceLoader}: framework-tracing's
   * provider), else sets none. Called once, by the app's start, before its validators.
   *
   * @throws ConfigException when tracing is on and no provider is on the class path, or the
   *     provider finds an invalid {@code OTEL_*} variable
   */
  public void open(boolean on, Config config) {
    if (!on) {
      tracer = null;
      return;
    }
    Iterator<TracerProvider> providers = ServiceLoader.load(TracerProvider.class).iterator();
    if (!providers.hasNext()) {
      throw new ConfigException(ObserveOptions.TRACING.env() + " (system property "
          + Config.propertyName(ObserveOptions.TRACING.env())
          + "): true needs a tracing module on the class path (io.vivace:vivace-tracing), none found");
    }
    tracer = providers.next().open(config);
  }

  /** Closes the tracer (exports what is pending); completes at once when there is none. */
  public CompletionStage<Void> close() {
    Tracer t = tracer;
    tracer = null;
    return t == null ? CompletableFuture.completedFuture(null) : t.close();
  }
}
