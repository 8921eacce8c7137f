/**
 * Vivace's OpenTelemetry tracing: the {@link io.vivace.observe.TracerProvider} that core finds
 * through {@link java.util.ServiceLoader} when {@code VIVACE_TRACING=true}. It builds the SDK with
 * the SDK's own autoconfiguration (the standard {@code OTEL_*} variables: exporter, endpoint,
 * sampler, resource, propagators) and makes the spans that core, framework-db and framework-cache
 * ask for through core's tracing SPI. Apps without tracing do not carry this module or the SDK.
 *
 * <p>The OpenTelemetry jars have no module descriptors; their manifests name them
 * ({@code Automatic-Module-Name}): {@code io.opentelemetry.api}, {@code io.opentelemetry.context},
 * {@code io.opentelemetry.sdk}, {@code io.opentelemetry.sdk.trace},
 * {@code io.opentelemetry.sdk.autoconfigure}... The OTLP exporter and its JDK HTTP sender are found
 * by the autoconfiguration at run time (service providers), so they are not required here.
 */
module io.vivace.tracing {
  requires transitive io.vivace.core;
  // Tracing.openTelemetry returns the API's OpenTelemetry, Tracing.current its Context.
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.context;
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.common;
  requires io.opentelemetry.sdk.trace;
  requires io.opentelemetry.sdk.autoconfigure;
  requires io.opentelemetry.sdk.autoconfigure.spi;
  requires static io.vertx.codegen.api;

  exports io.vivace.tracing;

  provides io.vivace.observe.TracerProvider with io.vivace.tracing.impl.OtelTracerProvider;
  // Context.current() and Span.current() are the request's (per Vert.x context, not per thread).
  provides io.opentelemetry.context.ContextStorageProvider with io.vivace.tracing.impl.RequestContextStorageProvider;
}
