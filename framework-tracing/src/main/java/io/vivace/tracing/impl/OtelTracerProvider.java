package io.vivace.tracing.impl;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vivace.config.Config;
import io.vivace.observe.Tracer;
import io.vivace.observe.TracerProvider;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link TracerProvider} core finds through {@link java.util.ServiceLoader} when
 * {@code VIVACE_TRACING=true}: the OpenTelemetry SDK built by its own autoconfiguration from the
 * standard {@code OTEL_*} environment variables and {@code otel.*} system properties (exporter,
 * endpoint, headers, sampler, resource, propagators, batch processor). Vivace changes three of the
 * SDK's defaults (each still set by its variable): traces only ({@code OTEL_METRICS_EXPORTER} and
 * {@code OTEL_LOGS_EXPORTER} are {@code none}: metrics are Prometheus's, logs go to standard
 * output), and OTLP over {@code http/protobuf} (the OpenTelemetry protocol's default; this module
 * ships the JDK HTTP sender, not a gRPC one). The SDK's own shutdown hook is off: the app closes
 * the tracer when it stops, after its requests have drained.
 */
public final class OtelTracerProvider implements TracerProvider {
  /** The SDK defaults Vivace changes (lowest precedence: any variable or property wins). */
  static final Map<String, String> DEFAULTS = Map.of(
      "otel.metrics.exporter", "none",
      "otel.logs.exporter", "none",
      "otel.exporter.otlp.protocol", "http/protobuf");

  /** For {@link java.util.ServiceLoader}. */
  public OtelTracerProvider() {
  }

  @Override
  public Tracer open(Config config) {
    AtomicBoolean disabled = new AtomicBoolean();
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> DEFAULTS)
          .addPropertiesCustomizer(properties -> {
            disabled.set(properties.getBoolean("otel.sdk.disabled", false));
            return Map.of();
          })
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
    } catch (RuntimeException e) {
      throw OtelConfigErrors.of(e);
    }
    if (disabled.get()) {
      sdk.shutdown();
      return null;
    }
    return new OtelTracer(sdk);
  }
}
