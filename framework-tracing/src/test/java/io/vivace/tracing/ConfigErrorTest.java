package io.vivace.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.ConfigException;
import io.vivace.testing.AppProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bad {@code OTEL_*} setting stops the start with one line naming the variable (exit 2), as
 * Vivace's own settings do; a good one starts an app that exports over OTLP (http/protobuf, the JDK
 * sender) without a collector listening, and serves.
 */
class ConfigErrorTest {

  @Test
  void badSamplerFailsTheStartNamingTheVariable() {
    Spans.configure();
    System.setProperty("otel.traces.sampler", "bogus");
    try {
      App app = Vivace.app(Spans.traced());
      app.get("/x", () -> "x");
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      ConfigException config = assertInstanceOf(ConfigException.class, e.getCause());
      assertTrue(config.getMessage().startsWith("OTEL_TRACES_SAMPLER (system property otel.traces.sampler): invalid: "),
          config.getMessage());
      assertTrue(config.getMessage().contains("bogus"), config.getMessage());
    } finally {
      System.clearProperty("otel.traces.sampler");
    }
  }

  @Test
  void badVariableInAProcessIsOneLineAndExitTwo() throws Exception {
    try (AppProcess p = AppProcess.start(TracedMain.class, Map.of("PORT", "0", "HOST", "127.0.0.1",
        "VIVACE_TRACING", "true", "OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "half"))) {
      assertEquals(2, p.awaitExit(60_000), String.join("\n", p.lines()));
      List<String> errors = p.lines().stream().filter(l -> l.startsWith("vivace: ")).toList();
      assertEquals(1, errors.size(), String.join("\n", p.lines()));
      assertTrue(errors.get(0).startsWith("vivace: invalid configuration: OTEL_TRACES_SAMPLER_ARG "
          + "(system property otel.traces.sampler.arg): invalid: "), errors.get(0));
    }
  }

  @Test
  void grpcWithoutAGrpcSenderNamesTheProtocolVariable() throws Exception {
    try (AppProcess p = AppProcess.start(TracedMain.class, Map.of("PORT", "0", "HOST", "127.0.0.1",
        "VIVACE_TRACING", "true", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))) {
      assertEquals(2, p.awaitExit(60_000), String.join("\n", p.lines()));
      assertTrue(p.lines().stream().anyMatch(l -> l.startsWith("vivace: invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL")),
          String.join("\n", p.lines()));
    }
  }

  @Test
  void goodSettingsServeWithoutACollector() throws Exception {
    try (AppProcess p = AppProcess.start(TracedMain.class, Map.of("PORT", "0", "HOST", "127.0.0.1",
        "VIVACE_TRACING", "true", "OTEL_SERVICE_NAME", "traced-main",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", "OTEL_BSP_SCHEDULE_DELAY", "50"))) {
      int port = p.awaitPort(60_000);
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      for (int i = 0; i < 3; i++) {
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/hello")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("hello", r.body());
      }
      p.terminate();
      assertEquals(0, p.awaitExit(60_000), String.join("\n", p.lines()));
    }
  }
}
