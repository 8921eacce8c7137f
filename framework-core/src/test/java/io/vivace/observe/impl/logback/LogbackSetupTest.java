package io.vivace.observe.impl.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import io.vivace.testing.JsonTree;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;

/** The default Logback set-up on fresh logger contexts: appenders, levels, formats, and an app's own file. */
class LogbackSetupTest {
  @Test
  void textByDefaultAsynchronousNeverBlocking() {
    LoggerContext ctx = configured(Map.of());
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.INFO, root.getLevel());
    RequestIdAsyncAppender async = assertInstanceOf(RequestIdAsyncAppender.class, root.getAppender("ASYNC"));
    assertTrue(async.isNeverBlock());
    Logger access = ctx.getLogger("io.vivace.access");
    assertFalse(access.isAdditive(), "access lines are written once, as is");
    assertInstanceOf(BatchingConsoleAppender.class, access.getAppender("ACCESS"), "batched, never blocking");
    assertEquals(Level.WARN, ctx.getLogger("io.netty").getLevel());

    String line = console(async).getEncoder() instanceof ch.qos.logback.classic.encoder.PatternLayoutEncoder p
        ? new String(p.encode(event(ctx, "req-7")), StandardCharsets.UTF_8) : "";
    assertTrue(line.matches("\\S+ \\S+ INFO  \\[main\\] orders - \\[req-7\\] placed 3\\R"), line);
    ctx.stop();
  }

  @Test
  void jsonLinesAndTheLevelFromSettings() {
    LoggerContext ctx = configured(Map.of("vivace.log-format", "json", "vivace.log-level", "warn"));
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.WARN, root.getLevel());
    ConsoleAppender<?> console = console((AsyncAppenderBase<?>) root.getAppender("ASYNC"));
    JsonEncoder json = assertInstanceOf(JsonEncoder.class, console.getEncoder());
    String line = new String(json.encode(event(ctx, "req-8")), StandardCharsets.UTF_8).trim();
    Map<String, Object> m = JsonTree.object(line);
    assertEquals("placed 3", m.get("formattedMessage"));
    assertEquals(List.of(Map.of("request_id", "req-8")), m.get("kvpList"), line);
    ctx.stop();
  }

  @Test
  void aBadValueFallsBackToTheDefaultHere() {
    LoggerContext ctx = configured(Map.of("vivace.log-format", "xml", "vivace.log-level", "loud"));
    assertEquals(Level.INFO, ctx.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    ctx.stop();
  }

  @Test
  void anAppsOwnConfigurationFileWins(@TempDir Path dir) throws Exception {
    try (URLClassLoader none = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertFalse(VivaceLogbackConfigurator.hasOwnConfiguration(none));
    }
    Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
    try (URLClassLoader own = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertTrue(VivaceLogbackConfigurator.hasOwnConfiguration(own));
    }
  }

  private static LoggerContext configured(Map<String, String> properties) {
    properties.forEach(System::setProperty);
    try {
      LoggerContext ctx = new LoggerContext();
      ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's provider does
      VivaceLogbackConfigurator c = new VivaceLogbackConfigurator();
      c.setContext(ctx);
      assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, c.configure(ctx));
      return ctx;
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  private static LoggingEvent event(LoggerContext ctx, String requestId) {
    LoggingEvent e = new LoggingEvent("x", ctx.getLogger("orders"), Level.INFO, "placed {}", null, new Object[] {3});
    e.setThreadName("main");
    e.addKeyValuePair(new KeyValuePair(RequestIdAsyncAppender.KEY, requestId));
    return e;
  }

  private static ConsoleAppender<?> console(AsyncAppenderBase<?> async) {
    return (ConsoleAppender<?>) async.getAppender("CONSOLE");
  }
}
