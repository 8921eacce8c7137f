package io.vivace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every module's settings are checked before any start hook does heavy work. */
class ValidationPhaseTest {

  @Test
  void aBadSettingStopsTheStartBeforeAnyStartHookOrVertx() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    App app = Vivace.app(TestServer.options());
    app.onStart(vertx -> {
      ran.add("start hook");
      return Future.succeededFuture();
    });
    app.onValidate(config -> ran.add("first validator"));
    app.onValidate(config -> {
      throw new ConfigException("MODULE_SETTING: expected something, got \"x\"");
    });
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> app.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals("MODULE_SETTING: expected something, got \"x\"", e.getCause().getMessage());
    assertEquals(List.of("first validator"), ran, "the start hook added first never ran");
    assertThrows(IllegalStateException.class, app::vertx, "Vert.x was not created");
  }

  @Test
  void validatorsRunBeforeStartHooksAndSeeTheSystemProperties() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    System.setProperty("vivace.validation-test", "seen");
    try {
      App app = Vivace.app(TestServer.options());
      app.onStart(vertx -> {
        ran.add("start hook");
        return Future.succeededFuture();
      });
      app.onValidate((Config config) -> ran.add("validator " + config.raw("VIVACE_VALIDATION_TEST")));
      try (TestServer server = TestServer.started(app)) {
        assertEquals(List.of("validator seen", "start hook"), ran);
        assertTrue(server.get("/health").statusCode() == 200);
      }
    } finally {
      System.clearProperty("vivace.validation-test");
    }
  }

  @Test
  void aComponentIsMadeOncePerApp() {
    App app = Vivace.app(TestServer.options());
    Object first = app.component(StringBuilder.class, a -> new StringBuilder("one"));
    Object second = app.component(StringBuilder.class, a -> new StringBuilder("two"));
    assertTrue(first == second);
    assertEquals("one", first.toString());
  }
}
