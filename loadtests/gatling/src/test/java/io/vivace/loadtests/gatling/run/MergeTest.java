package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadtests/run --target URL} against a server it did not start (a small Vert.x server
 * standing for a deployed app), from two injectors, then {@code --merge}: one report whose
 * request count is the sum of the injectors', made by Gatling's reports-only mode.
 */
class MergeTest {
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/plaintext")) {
        req.response().putHeader("Content-Type", "text/plain").end("Hello, World!");
      } else {
        req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static int inject(Path out) {
    return LoadTest.execute("--target", "http://127.0.0.1:" + server.actualPort() + "/", "-s", "plaintext,json",
        "-d", "1", "-w", "0", "-c", "1", "--generator-warmup", "0", "--no-wrk", "--targets", "../targets.json",
        "--out", out.toString());
  }

  private static ReportStats stats(Path results, String run) throws Exception {
    try (Stream<Path> files = Files.walk(results.resolve("gatling").resolve(run))) {
      Path index = files.filter(p -> p.getFileName().toString().equals("index.html")).findFirst().orElseThrow();
      return ReportStats.parse(index).get("plaintext");
    }
  }

  @Test
  void twoInjectorsAgainstATargetMergeIntoOneReport(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("injector-a");
    Path b = dir.resolve("injector-b");
    assertEquals(0, inject(a), "injector a");
    assertEquals(0, inject(b), "injector b");
    String summary = Files.readString(a.resolve("summary.md"));
    assertTrue(summary.contains("already running at http://127.0.0.1:" + server.actualPort()), summary);
    assertTrue(summary.contains("json") && summary.contains("endpoint not present"), "404: skipped, not failed: " + summary);
    long requests = stats(a, "plaintext-vivace-1").total() + stats(b, "plaintext-vivace-1").total();
    assertTrue(requests > 0);

    Path merged = dir.resolve("merged");
    assertEquals(0, LoadTest.execute("--merge", a + "," + b, "--out", merged.toString()));
    ReportStats all = ReportStats.parse(merged.resolve("gatling/plaintext-vivace-1/merged/index.html")).get("plaintext");
    assertEquals(requests, all.total(), "every request of both injectors, once");
    assertEquals(0, all.ko());
    assertTrue(Files.readString(merged.resolve("merged.md")).contains("| plaintext-vivace-1 | 2 |"));
  }

  @Test
  void aTargetMustBeAnHttpUrlOfAHost() {
    assertEquals(2, LoadTest.execute("--target", "127.0.0.1:8080", "--targets", "../targets.json"));
    assertEquals(2, LoadTest.execute("--target", "http://127.0.0.1:8080/api", "--targets", "../targets.json"));
    assertEquals("https://example.com:8443", LoadTest.baseUrl("https://example.com:8443/"));
  }
}
