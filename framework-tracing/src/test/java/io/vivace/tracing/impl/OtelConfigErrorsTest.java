package io.vivace.tracing.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The SDK's configuration errors as one line naming the variable. */
class OtelConfigErrorsTest {

  @Test
  void propertyNamedInTheMessageOrItsCauses() {
    assertEquals("otel.traces.sampler.arg",
        OtelConfigErrors.property("Invalid value for property otel.traces.sampler.arg=abc. Must be a double."));
    assertEquals("otel.traces.sampler", OtelConfigErrors.property("Unrecognized value for otel.traces.sampler: x"));
    assertEquals("otel.bsp.schedule.delay", OtelConfigErrors.property("bad otel.bsp.schedule.delay."));
    assertNull(OtelConfigErrors.property("the hotel.x is full"));
    assertEquals("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        OtelConfigErrors.environmentName("otel.exporter.otlp.traces.endpoint"));
    RuntimeException wrapped = new IllegalStateException("Unexpected configuration error",
        new IllegalArgumentException("Invalid value for property otel.metric.export.interval=x"));
    assertEquals("OTEL_METRIC_EXPORT_INTERVAL (system property otel.metric.export.interval): invalid: "
        + "Unexpected configuration error: Invalid value for property otel.metric.export.interval=x",
        OtelConfigErrors.of(wrapped).getMessage());
  }

  @Test
  void withoutAPropertyTheMessageStillSaysOtel() {
    assertEquals("OTEL_* (OpenTelemetry autoconfiguration): invalid: something\nbroke".replace('\n', ' '),
        OtelConfigErrors.of(new IllegalStateException("something\nbroke")).getMessage());
  }
}
