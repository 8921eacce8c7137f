package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blog's {@code /docs} in a real browser: headless Chromium from Debian's packages (installed by
 * framework-core's {@code src/test/sh/install-chromium.sh} when missing) renders Swagger UI, which
 * fetches {@code /openapi.json} from the app and draws every operation. The rendered DOM
 * ({@code --dump-dom}) must show each operation of the served document, under its tag and path;
 * then a screenshot ({@code --screenshot}) is written to {@code target/openapi/docs.png} (see
 * docs/openapi.md). Only the app's own host is asked for anything: the page loads nothing from
 * another host, so a browser without network reaches the same result.
 */
class BlogDocsBrowserTest {
  static final long BROWSER_DEADLINE_SECONDS = 90;
  static String chromium;

  @BeforeAll
  static void installChromium() throws Exception {
    Path script = Path.of("..", "..", "framework-core", "src", "test", "sh", "install-chromium.sh");
    Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "install-chromium");
    drain.setDaemon(true);
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      Assumptions.abort("installing chromium took more than 10 minutes");
    }
    Assumptions.assumeTrue(p.exitValue() == 0, () -> "chromium is not available, skipped: "
        + err.toString(StandardCharsets.UTF_8).strip());
    String[] lines = out.split("\n");
    chromium = lines[lines.length - 1].strip();
  }

  /** Runs headless Chromium with {@code args} on {@code url}; its standard output (the DOM with --dump-dom). */
  static String browse(Path profile, String url, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--user-data-dir=" + profile,
        // virtual time runs until the page is idle (its fetch of /openapi.json included), up to 30 s of it
        "--virtual-time-budget=30000", "--window-size=1280,2400", "--hide-scrollbars"));
    command.addAll(Arrays.asList(args));
    command.add(url);
    Path out = Files.createTempFile("chromium", ".out");
    Path log = Files.createTempFile("chromium", ".log");
    Process browser = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    try {
      if (!browser.waitFor(BROWSER_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("chromium did not finish within " + BROWSER_DEADLINE_SECONDS + " s: " + Files.readString(log));
      }
      assertEquals(0, browser.exitValue(), "chromium said: " + Files.readString(log));
      return Files.readString(out);
    } finally {
      List<ProcessHandle> children = browser.descendants().toList();
      browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      children.forEach(ProcessHandle::destroyForcibly);
      Files.deleteIfExists(out);
      Files.deleteIfExists(log);
    }
  }

  @Test
  void docsShowsEveryOperationAndIsScreenshot() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    TestServer server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(2, 2, 2),
        BlogWritesTest.AUTH));
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      JsonObject doc = new JsonObject(server.get("/openapi.json").body());
      String docs = server.uri("/docs").toString();
      String dom = browse(profile, docs, "--dump-dom");
      assertTrue(dom.contains("swagger-ui"), dom.length() > 2000 ? dom.substring(0, 2000) : dom);
      assertTrue(dom.contains(doc.getJsonObject("info").getString("title")), "the title is drawn");
      int operations = 0;
      JsonObject paths = doc.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        JsonObject item = paths.getJsonObject(path);
        for (String method : item.fieldNames()) {
          JsonObject op = item.getJsonObject(method);
          String tag = op.getJsonArray("tags", new io.vertx.core.json.JsonArray().add("default")).getString(0);
          // Swagger UI's deep-link id of an operation block: operations-<tag>-<operationId>
          String id = "operations-" + tag + "-" + op.getString("operationId");
          assertTrue(dom.contains("id=\"" + id + "\""), method + " " + path + " is drawn (" + id + ")");
          assertTrue(dom.contains("data-path=\"" + path + "\""), path + " is drawn");
          operations++;
        }
      }
      assertTrue(operations >= 10, "the blog's operations (posts, users, auth...): " + operations);
      assertTrue(dom.contains("Posts, newest first"), "summaries are drawn");
      assertTrue(dom.contains("authorize"), "the bearer scheme's Authorize button");

      Path png = Path.of("target", "openapi", "docs.png").toAbsolutePath();
      Files.createDirectories(png.getParent());
      Files.deleteIfExists(png);
      browse(profile, docs, "--screenshot=" + png);
      byte[] bytes = Files.readAllBytes(png);
      assertTrue(bytes.length > 20_000, "a drawn page, not a blank one: " + bytes.length + " bytes");
      assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
      System.out.println("BlogDocsBrowserTest: " + operations + " operations drawn; screenshot " + png);
    } finally {
      TestDatabase.closeAndDrop(server, url);
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
