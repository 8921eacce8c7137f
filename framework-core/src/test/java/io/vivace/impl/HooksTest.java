package io.vivace.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of start and stop hooks, and what a failing one does to the others. */
class HooksTest {
  private final List<String> ran = new ArrayList<>();

  @Test
  void startHooksRunInOrderAndTheFirstFailureEndsTheStart() {
    Hooks hooks = new Hooks();
    IllegalStateException boom = new IllegalStateException("second");
    hooks.onStart(v -> record("first"));
    hooks.onStart(v -> Future.failedFuture(boom));
    hooks.onStart(v -> record("third"));
    Future<Void> started = hooks.start(null);
    assertTrue(started.failed());
    assertSame(boom, started.cause());
    assertEquals(List.of("first"), ran, "the hook after the failing one does not run");
  }

  @Test
  void stopHooksRunInReverseOrderAndAFailingOneDoesNotStopTheOthers() {
    Hooks hooks = new Hooks();
    hooks.onStop(v -> record("added first"));
    hooks.onStop(v -> Future.failedFuture(new IllegalStateException("failed future")));
    hooks.onStop(v -> {
      throw new IllegalStateException("thrown");
    });
    hooks.onStop(v -> record("added last"));
    Future<Void> stopped = hooks.stop(null);
    assertTrue(stopped.succeeded(), "stopping never fails");
    assertEquals(List.of("added last", "added first"), ran);
  }

  @Test
  void aNullHookIsRefused() {
    Hooks hooks = new Hooks();
    assertEquals("hook", assertThrows(NullPointerException.class, () -> hooks.onStart(null)).getMessage());
    assertEquals("hook", assertThrows(NullPointerException.class, () -> hooks.onStop(null)).getMessage());
  }

  private Future<Void> record(String name) {
    ran.add(name);
    return Future.succeededFuture();
  }
}
