package io.vivace.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vivace.extract.Cookie;
import io.vivace.extract.Path;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CORS in a real browser: headless Chromium from Debian's packages (installed by
 * {@code src/test/sh/install-chromium.sh} when missing) loads a page from one origin that
 * {@code fetch}es a Vivace API on another origin: a simple request, a preflighted {@code PUT} twice
 * (the second without a preflight: the browser cached the first), a credentialed request that
 * sends a cookie and one that does not, and a request whose preflight is refused. The page reports
 * what it saw back to its own server.
 *
 * <p>The API's origin is a counting forwarder (Vert.x) in front of the Vivace app, so every request
 * the browser sends, preflights included, is counted by method and path before Vivace answers it
 * (a preflight never reaches a Vivace handler).
 */
class CorsBrowserTest {
  static final long REPORT_DEADLINE_SECONDS = 20;
  static String chromium;

  /** Outside the test's time limit: installing the package may take minutes on a fresh machine. */
  @BeforeAll
  static void installChromium() throws Exception {
    chromium = chromium();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPageOnAnotherOriginCallsTheApiWithAndWithoutCredentialsAndThePreflightIsCached() throws Exception {
    Vertx vertx = Vertx.vertx();
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    CompletableFuture<String> report = new CompletableFuture<>();
    AtomicInteger vivacePort = new AtomicInteger();
    HttpClient client = vertx.createHttpClient();
    java.nio.file.Path profile = Files.createTempDirectory("chromium-profile");
    Process browser = null;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try {
      int apiPort = await(vertx.createHttpServer()
          .requestHandler(req -> forward(client, vivacePort.get(), req, seen)).listen(0, "127.0.0.1")).actualPort();
      String html = resource("/cors/page.html").replace("__API__", "http://127.0.0.1:" + apiPort);
      int pagePort = await(vertx.createHttpServer().requestHandler(req -> {
        if (req.method() == HttpMethod.POST && req.path().equals("/result")) {
          req.body().onSuccess(b -> {
            report.complete(b.toString(StandardCharsets.UTF_8));
            req.response().setStatusCode(204).end();
          });
        } else if (req.path().equals("/")) {
          req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html);
        } else {
          req.response().setStatusCode(404).end();
        }
      }).listen(0, "127.0.0.1")).actualPort();
      String pageOrigin = "http://127.0.0.1:" + pagePort;
      try (TestServer api = TestServer.start(app -> {
        app.cors(new CorsOptions().origins(pageOrigin).credentials(true).maxAgeSeconds(600));
        app.get("/greeting", () -> "hello");
        app.put("/items/:id", Path.intValue("id"), id -> Response.text("stored " + id).header("ETag", "\"v" + id + "\"")
            .header("X-Hidden", "secret"));
        app.post("/login", () -> Response.noContent().header("Set-Cookie", "session=s3cr3t; Path=/; HttpOnly; SameSite=Lax"));
        app.get("/me", Cookie.string("session").optional(), session -> session.orElse("anonymous"));
      })) {
        vivacePort.set(api.port());
        browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--user-data-dir=" + profile, pageOrigin + "/")
            .redirectErrorStream(true).start();
        Process running = browser;
        Thread drain = new Thread(() -> copy(running.getInputStream(), log), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        String json = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPORT_DEADLINE_SECONDS);
        while (json == null) {
          try {
            json = report.get(200, TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            if (!browser.isAlive() || System.nanoTime() > deadline) {
              throw new AssertionError((browser.isAlive() ? "the page did not report within " + REPORT_DEADLINE_SECONDS + " s"
                  : "chromium exited with status " + browser.exitValue()) + "; requests seen: " + seen
                  + "; chromium said:\n" + log.toString(StandardCharsets.UTF_8), e);
            }
          }
        }
        JsonObject r = new JsonObject(json);
        assertEquals(200, r.getJsonObject("simple").getInteger("status"), json);
        assertEquals("hello", r.getJsonObject("simple").getString("body"), json);
        assertEquals("stored 1", r.getJsonObject("put1").getString("body"), json);
        assertEquals("stored 1", r.getJsonObject("put2").getString("body"), json);
        assertEquals("\"v1\"", r.getJsonObject("put1").getString("etag"), "ETag is exposed: " + json);
        assertNull(r.getJsonObject("put1").getString("hidden"), "X-Hidden is not exposed: " + json);
        assertEquals(204, r.getJsonObject("login").getInteger("status"), json);
        assertEquals("s3cr3t", r.getJsonObject("meWithCredentials").getString("body"), "the cookie went with credentials: " + json);
        assertEquals("anonymous", r.getJsonObject("meWithoutCredentials").getString("body"), "no cookie without: " + json);
        assertEquals("TypeError", r.getJsonObject("refusedHeader").getString("error"), "a refused preflight fails the fetch: " + json);
        assertEquals(1, count(seen, "OPTIONS /items/1 content-type"), "one preflight for two PUTs (cached): " + seen);
        assertEquals(2, count(seen, "PUT /items/1"), seen.toString());
        assertEquals(1, count(seen, "OPTIONS /items/1 x-secret"), "the refused preflight: " + seen);
        assertEquals(0, count(seen, "OPTIONS /greeting"), "a simple request needs no preflight: " + seen);
        assertEquals(0, count(seen, "OPTIONS /me"), "a credentialed GET without custom headers needs no preflight: " + seen);
        assertEquals(2, count(seen, "GET /me"), seen.toString());
      }
    } finally {
      if (browser != null) {
        java.util.List<ProcessHandle> children = browser.descendants().toList();
        browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      deleteTree(profile);
    }
  }

  /** Counts {@code req} (an OPTIONS with the headers it asks for), then sends it on to Vivace and its answer back. */
  static void forward(HttpClient client, int port, HttpServerRequest req, Map<String, AtomicInteger> seen) {
    String key = req.method() + " " + req.path();
    if (req.method() == HttpMethod.OPTIONS) {
      key += " " + req.headers().get("Access-Control-Request-Headers");
    }
    seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    req.body()
        .compose(body -> client.request(new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(port)
                .setURI(req.uri()).setHeaders(req.headers()))
            .compose(out -> out.send(body)))
        .compose(resp -> resp.body().map(body -> {
          req.response().setStatusCode(resp.statusCode());
          resp.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")
                && !name.equalsIgnoreCase("Connection")) {
              req.response().headers().add(name, value);
            }
          });
          return body;
        }))
        .onSuccess(body -> req.response().end(body))
        .onFailure(e -> req.response().setStatusCode(502).end(String.valueOf(e)));
  }

  /** The browser: installed from Debian's packages by the project's script when missing; the test is skipped, saying why, when it cannot be. */
  static String chromium() throws Exception {
    java.nio.file.Path script = java.nio.file.Path.of("src", "test", "sh", "install-chromium.sh");
    Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
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

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static int count(Map<String, AtomicInteger> seen, String key) {
    AtomicInteger n = seen.get(key);
    return n == null ? 0 : n.get();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = CorsBrowserTest.class.getResourceAsStream(name)) {
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

  static void deleteTree(java.nio.file.Path dir) throws IOException {
    try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
