package io.vivace.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's {@link InMemorySpanExporter} as the exporter {@code memory}
 * ({@code otel.traces.exporter=memory}), found by the SDK's autoconfiguration like any exporter, so
 * tests run the same set-up as production. One store for the whole test JVM; an app's shutdown
 * does not shut it (the next app exports into it too). Counts how often the SDK asked for it.
 */
public final class MemoryExporter implements ConfigurableSpanExporterProvider {
  /** The spans exported so far. */
  public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  /** How many times an SDK was built with this exporter. */
  public static final AtomicInteger CREATED = new AtomicInteger();

  @Override
  public String getName() {
    return "memory";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    CREATED.incrementAndGet();
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return SPANS.export(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
