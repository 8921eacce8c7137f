package io.vivace.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vivace.App;
import io.vivace.config.VivaceOptions;
import io.vivace.observe.ObserveOptions;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the tracing tests share: the SDK configured as in production through its autoconfiguration,
 * with the in-memory exporter ({@link MemoryExporter}) and a short batch delay, by the standard
 * {@code otel.*} system properties; and waits for exported spans, each with a deadline.
 */
public final class Spans {
  /** The SDK's settings for every test here (system properties: what {@code OTEL_*} variables set). */
  static final Map<String, String> OTEL = Map.of(
      "otel.traces.exporter", "memory",
      "otel.bsp.schedule.delay", "20",
      "otel.service.name", "vivace-tracing-test");

  static {
    OTEL.forEach(System::setProperty);
  }

  private Spans() {
  }

  /** Makes sure the SDK's settings are in place (loads this class). */
  public static void configure() {
    // the static initializer did it
  }

  /** Test server options with tracing on (request ids on, the rest as given by the caller). */
  public static VivaceOptions traced() {
    configure();
    VivaceOptions o = TestServer.options();
    return o.observe(new ObserveOptions().tracing(true));
  }

  /** Forgets every span exported so far. */
  public static void reset() {
    MemoryExporter.SPANS.reset();
  }

  /** The spans exported so far. */
  public static List<SpanData> all() {
    return MemoryExporter.SPANS.getFinishedSpanItems();
  }

  /**
   * Waits up to 10 s until the spans exported include one that matches (flushing the app's SDK
   * while waiting), and returns it; fails naming {@code what} and the spans seen.
   */
  public static SpanData await(App app, Predicate<SpanData> match, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      for (SpanData s : all()) {
        if (match.test(s)) {
          return s;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no span " + what + " within 10 s; exported: " + describe(all()));
      }
      ((OpenTelemetrySdk) Tracing.openTelemetry(app)).getSdkTracerProvider().forceFlush().join(1, TimeUnit.SECONDS);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The server span named {@code name} ({@link #await}). */
  public static SpanData server(App app, String name) {
    return await(app, s -> s.getKind() == SpanKind.SERVER && s.getName().equals(name), "SERVER " + name);
  }

  /** The spans of {@code traceId} exported so far. */
  public static List<SpanData> ofTrace(String traceId) {
    return all().stream().filter(s -> s.getTraceId().equals(traceId)).collect(Collectors.toList());
  }

  /** Asserts the span's string attribute {@code key}. */
  public static void assertAttribute(SpanData span, String key, Object expected) {
    Object actual = span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    assertEquals(expected, actual, "attribute " + key + " of " + span.getName() + ": " + span.getAttributes());
  }

  /** One line per span: kind, name, trace and parent ids. */
  public static String describe(List<SpanData> spans) {
    StringBuilder b = new StringBuilder();
    for (SpanData s : spans) {
      b.append("\n  ").append(s.getKind()).append(' ').append(s.getName()).append(" trace=").append(s.getTraceId())
          .append(" parent=").append(s.getParentSpanId()).append(' ').append(s.getAttributes());
    }
    return b.toString();
  }
}
