package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Gatling runs (one user, one second, offline) against a small Vert.x server: the report is
 * written and read back, and a wrong body counts as failed requests.
 */
class GatlingRunTest {
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/plaintext" -> req.response().putHeader("Content-Type", "text/plain").end("Hello, World!");
        case "/wrong/plaintext" -> req.response().putHeader("Content-Type", "text/plain").end("Goodbye");
        case "/echo" -> req.body().onSuccess(b -> req.response().putHeader("Content-Type", "application/json").end(b));
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static RunResult run(Scenario s, String base, Path dir) {
    Map<String, String> props = Map.of("baseUrl", base, "concurrency", "1", "rate", "0",
        "duration", "1", "warmup", "0", "queries", "20");
    return GatlingRun.run(s, ProcessHandle.current(), "vivace", 1, props, 1, 0, dir);
  }

  @Test
  void measuresAndReadsItsOwnReport(@TempDir Path dir) throws Exception {
    RunResult r = run(Scenario.JSON_POST, "http://127.0.0.1:" + server.actualPort(), dir);
    assertEquals(RunResult.Outcome.MEASURED, r.outcome(), r.note());
    assertEquals(0, r.stats().ko());
    assertTrue(r.stats().total() > 0 && r.stats().ok() == r.stats().total(), r.stats().toString());
    assertEquals(r.stats().total(), r.throughput(), 1e-9); // one measured second
    assertTrue(Files.isRegularFile(r.report()), "HTML report " + r.report());
    assertTrue(r.usage().generatorCores() > 0, "this JVM ran Gatling: " + r.usage());
  }

  @Test
  void aWrongBodyIsAFailedRequest(@TempDir Path dir) {
    RunResult r = run(Scenario.PLAINTEXT, "http://127.0.0.1:" + server.actualPort() + "/wrong", dir);
    assertEquals(RunResult.Outcome.MEASURED, r.outcome(), r.note());
    assertTrue(r.stats().ko() > 0 && r.stats().ko() == r.stats().total(), r.stats().toString());
    assertEquals(r.stats().ko(), r.failures());
  }
}
