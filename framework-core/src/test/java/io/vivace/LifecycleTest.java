package io.vivace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void startHooksRunInOrderBeforeTrafficAndStopHooksInReverse() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    App app = Vivace.app(TestServer.options());
    app.onStart(vertx -> {
      events.add("start 1");
      return vertx.timer(50).mapEmpty(); // asynchronous: the next hook and the servers wait for it
    });
    app.onStart(vertx -> {
      events.add("start 2");
      return Future.succeededFuture();
    });
    app.onStop(vertx -> {
      events.add("stop 1");
      return Future.succeededFuture();
    });
    app.onStop(vertx -> {
      events.add("stop 2");
      return Future.failedFuture("a failing stop hook does not stop the others");
    });
    app.get("/events", () -> String.join(",", events));
    TestServer server = TestServer.started(app);
    assertEquals("start 1,start 2", server.get("/events").body());
    server.close();
    assertEquals(List.of("start 1", "start 2", "stop 2", "stop 1"), events);
  }

  @Test
  void aFailingStartHookFailsStartAndRunsTheStopHooks() {
    List<String> events = new CopyOnWriteArrayList<>();
    App app = Vivace.app(TestServer.options());
    app.onStart(vertx -> Future.failedFuture(new IllegalStateException("database unreachable")));
    app.onStop(vertx -> {
      events.add("stopped");
      return Future.succeededFuture();
    });
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> app.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals("database unreachable", e.getCause().getMessage());
    assertEquals(List.of("stopped"), events);
    assertEquals(-1, app.port(), "no server was deployed");
  }
}
