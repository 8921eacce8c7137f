package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.App;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.extract.Body;
import io.vivace.response.Response;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live comments in a real browser: headless Chromium from Debian's packages (installed by
 * framework-core's {@code src/test/sh/install-chromium.sh} when missing) opens a page served by
 * one blog instance that follows a post with {@code EventSource} and {@code WebSocket}; once both
 * say they are subscribed, the test posts a comment through a second instance on the same
 * database, and the page reports the comment as each of them received it.
 */
class LiveCommentsBrowserTest {
  static final long DEADLINE_SECONDS = 30;
  static String chromium;

  /** Outside the test's time limit: installing the package may take minutes on a fresh machine. */
  @BeforeAll
  static void installChromium() throws Exception {
    chromium = chromium();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCommentPostedThroughAnotherInstanceArrivesInTheBrowserByEventSourceAndWebSocket() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    CompletableFuture<String> ready = new CompletableFuture<>();
    CompletableFuture<String> result = new CompletableFuture<>();
    Path profile = Files.createTempDirectory("chromium-profile");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Process browser = null;
    String html = resource("/live/page.html").replace("__POST__", "1");
    App pageApp = BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10), BlogWritesTest.AUTH);
    // test-only routes: the page, and where it reports
    io.vertx.core.buffer.Buffer htmlBytes = io.vertx.core.buffer.Buffer.buffer(html);
    pageApp.get("/test/live.html", () -> Response.bytes(htmlBytes, "text/html; charset=utf-8"));
    pageApp.post("/test/ready", Body.text(), body -> ready.complete(body) ? Response.noContent() : Response.noContent());
    pageApp.post("/test/result", Body.text(), body -> result.complete(body) ? Response.noContent() : Response.noContent());
    pageApp.post("/test/error", Body.text(), body -> result.completeExceptionally(new AssertionError("the page said: " + body))
        ? Response.noContent() : Response.noContent());
    try (TestServer page = TestServer.started(pageApp);
        TestServer other = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), null,
            BlogWritesTest.AUTH))) {
      browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
          "--disable-component-update", "--user-data-dir=" + profile, page.uri("/test/live.html").toString())
          .redirectErrorStream(true).start();
      Process running = browser;
      Thread drain = new Thread(() -> copy(running.getInputStream(), log), "chromium-output");
      drain.setDaemon(true);
      drain.start();

      await(ready, browser, log, "both subscribed");
      String login = "{\"email\":\"browser@example.com\",\"password\":\"a long password\"}";
      assertEquals(201, other.postJson("/auth/signup", login).statusCode());
      String token = (String) JsonTree.object(other.postJson("/auth/login", login).body()).get("accessToken");
      HttpResponse<String> created = other.send(HttpRequest.newBuilder(other.uri("/posts/1/comments"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Hello from another instance\"}")));
      assertEquals(201, created.statusCode(), created.body());
      Map<String, Object> comment = JsonTree.object(created.body());

      Map<String, Object> seen = JsonTree.object(await(result, browser, log, "the comment"));
      @SuppressWarnings("unchecked")
      Map<String, Object> sse = (Map<String, Object>) seen.get("sse");
      @SuppressWarnings("unchecked")
      Map<String, Object> ws = (Map<String, Object>) seen.get("ws");
      assertEquals(comment, sse.get("comment"), "EventSource: " + seen);
      assertEquals(String.valueOf(comment.get("id")), sse.get("id"), "the event's id is the comment's: " + seen);
      assertEquals(comment, ws.get("comment"), "WebSocket: " + seen);
    } finally {
      if (browser != null) {
        List<ProcessHandle> children = browser.descendants().toList();
        browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
      }
      TestDatabase.drop(url);
      deleteTree(profile);
    }
  }

  /** Waits for what the page reports, failing with the browser's output when it exits or the deadline passes. */
  static String await(CompletableFuture<String> report, Process browser, ByteArrayOutputStream log, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (true) {
      try {
        return report.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!browser.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError((browser.isAlive() ? "the page did not report " + what + " within " + DEADLINE_SECONDS + " s"
              : "chromium exited with status " + browser.exitValue()) + "; chromium said:\n"
              + log.toString(StandardCharsets.UTF_8), e);
        }
      }
    }
  }

  /** The browser, installed from Debian's packages by framework-core's script when missing; skipped, saying why, when it cannot be. */
  static String chromium() throws Exception {
    Path script = Path.of("..", "..", "framework-core", "src", "test", "sh", "install-chromium.sh");
    Process p = new ProcessBuilder("bash", script.toString()).start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> copy(p.getErrorStream(), err), "install-chromium");
    drain.setDaemon(true);
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      Assumptions.abort("installing chromium took more than 10 minutes");
    }
    drain.join(5_000);
    Assumptions.assumeTrue(p.exitValue() == 0, () -> "chromium is not available, skipped: "
        + err.toString(StandardCharsets.UTF_8).trim());
    String[] lines = out.split("\n");
    return lines[lines.length - 1].trim();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = LiveCommentsBrowserTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
