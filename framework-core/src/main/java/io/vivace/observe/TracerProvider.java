package io.vivace.observe;

import io.vivace.config.Config;

/**
 * A tracing module's entry point, found through {@link java.util.ServiceLoader} when
 * {@code VIVACE_TRACING=true} (framework-tracing provides one). The app's start calls {@link #open}
 * once, on the thread that starts the app, before any start hook runs.
 */
public interface TracerProvider {

  /**
   * The app's tracer, configured from {@code config} and the standard {@code OTEL_*} variables.
   *
   * @return null when the tracing library itself is disabled ({@code OTEL_SDK_DISABLED=true})
   * @throws io.vivace.config.ConfigException naming the variable when one is invalid
   */
  Tracer open(Config config);
}
