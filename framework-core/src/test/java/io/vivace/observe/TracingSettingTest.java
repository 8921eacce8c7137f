package io.vivace.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.testing.TestServer;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code VIVACE_TRACING}: off by default (no tracer, no span), and on without a tracing module on the
 * class path (core's tests have none) the start fails naming the setting.
 */
class TracingSettingTest {

  @Test
  void offByDefault() {
    assertFalse(ObserveOptions.from(new Config(Map.of(), new Properties())).tracing());
    assertTrue(ObserveOptions.from(new Config(Map.of("VIVACE_TRACING", "true"), new Properties())).tracing());
    ConfigException bad = assertThrows(ConfigException.class,
        () -> ObserveOptions.from(new Config(Map.of("VIVACE_TRACING", "maybe"), new Properties())));
    assertTrue(bad.getMessage().startsWith("VIVACE_TRACING"), bad.getMessage());
    try (TestServer server = TestServer.start(app -> app.get("/t", () -> String.valueOf(Traces.current())))) {
      assertNull(Traces.of(server.app()));
      assertEquals("null", server.get("/t").body());
    }
  }

  @Test
  void onWithoutATracingModuleFailsTheStartNamingTheSetting() {
    App app = Vivace.app(TestServer.options().observe(new ObserveOptions().tracing(true)));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    ConfigException config = assertInstanceOf(ConfigException.class, e.getCause());
    assertTrue(config.getMessage().startsWith("VIVACE_TRACING (system property vivace.tracing): true needs a tracing "
        + "module on the class path (io.vivace:vivace-tracing)"), config.getMessage());
  }
}
