package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher of external projects' simulations: a real Gatling run (one user, one second, offline), its failures and its usage errors. */
class SimulateTest {
  private static final Map<String, String> LOAD = Map.of("concurrency", "1", "rate", "0", "duration", "1", "warmup", "0");
  private static Vertx vertx;
  private static HttpServer server;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/ping")) {
        req.response().putHeader("Content-Type", "text/plain").end("pong");
      } else {
        req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void clearSettings() {
    LOAD.keySet().forEach(System::clearProperty);
    System.clearProperty("baseUrl");
  }

  private int simulate(String baseUrl, String... args) {
    LOAD.forEach(System::setProperty);
    System.setProperty("baseUrl", baseUrl);
    return Simulate.run(args, err);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsAProjectsSimulationAgainstARunningServer(@TempDir Path dir) throws IOException {
    int status = simulate("http://127.0.0.1:" + server.actualPort(), PingSimulation.class.getName(), dir.toString());
    assertEquals(Simulate.EXIT_OK, status, err());
    try (Stream<Path> reports = Files.list(dir)) {
      assertTrue(reports.anyMatch(d -> Files.isRegularFile(d.resolve("index.html"))), "a Gatling HTML report in " + dir);
    }
  }

  @Test
  void aFailedRequestFailsTheRun(@TempDir Path dir) {
    int status = simulate("http://127.0.0.1:" + server.actualPort() + "/wrong", PingSimulation.class.getName(), dir.toString());
    assertEquals(Simulate.EXIT_FAILED, status, err());
    assertTrue(err().contains(PingSimulation.class.getName() + " failed"), err());
  }

  @Test
  void badArgumentsAreUsageErrorsNamingTheValue(@TempDir Path dir) {
    assertEquals(Simulate.EXIT_USAGE, Simulate.run(new String[0], err));
    assertTrue(err().contains("usage: Simulate <simulation class> <results folder> (got 0 arguments)"), err());
    assertEquals(Simulate.EXIT_USAGE, Simulate.run(new String[] {"com.example.Nope", dir.toString()}, err));
    assertTrue(err().contains("no class 'com.example.Nope'"), err());
    assertEquals(Simulate.EXIT_USAGE, Simulate.run(new String[] {String.class.getName(), dir.toString()}, err));
    assertTrue(err().contains("'java.lang.String' is not a Gatling simulation"), err());
  }
}
