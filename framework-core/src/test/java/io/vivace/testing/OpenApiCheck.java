package io.vivace.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks of an app's served OpenAPI document for the examples' tests: complete (every success
 * response of a body-carrying status has a schema) and clean under Redocly CLI's recommended rules
 * ({@code loadtests/openapi-lint}, installed with npm; the lint is skipped with a printed reason when
 * node or npm is missing).
 */
public final class OpenApiCheck {
  private OpenApiCheck() {
  }

  /** The document {@code server} serves at {@code /openapi.json}, after checking it is complete. */
  public static JsonObject completeDocument(TestServer server) {
    HttpResponse<String> r = server.get("/openapi.json");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject doc = new JsonObject(r.body());
    List<String> undeclared = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject responses = item.getJsonObject(method).getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          boolean bodyless = status.equals("204") || status.equals("304") || status.startsWith("4") || status.startsWith("5");
          if (!bodyless && !responses.getJsonObject(status).containsKey("content")) {
            undeclared.add(method.toUpperCase() + " " + path + " " + status);
          }
        }
      }
    }
    assertTrue(undeclared.isEmpty(), "responses without a declared result type: " + undeclared);
    return doc;
  }

  /**
   * Writes {@code doc} to {@code target/openapi/<name>.json} of the module and lints it with
   * {@code loadtests/openapi-lint}: zero errors, or the test fails with Redocly's report.
   */
  public static void lint(JsonObject doc, String name) throws IOException, InterruptedException {
    Path root = root("lint");
    Path file = write(doc, name);
    Process p = new ProcessBuilder(root.resolve("loadtests/openapi-lint").toString(), file.toString())
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "openapi-lint did not finish within 300 s");
    String report = new String(out, StandardCharsets.UTF_8);
    System.out.println(report);
    Assumptions.assumeTrue(p.exitValue() != 2, "OpenAPI lint skipped: Redocly CLI could not be installed:\n" + report);
    assertEquals(0, p.exitValue(), "Redocly lint errors in " + file + ":\n" + report);
  }

  /** Writes {@code doc} to {@code target/openapi/<name>.json} of the module; its absolute path. */
  public static Path write(JsonObject doc, String name) throws IOException {
    Path file = Path.of("target", "openapi", name + ".json").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, doc.encodePrettily(), StandardCharsets.UTF_8);
    return file;
  }

  /** A running validating proxy: its process and the port it listens on. */
  public record Proxy(Process process, int port) {
  }

  /**
   * Starts Prism ({@code loadtests/prism-proxy}) in front of {@code upstream}, validating against
   * {@code doc}, and waits (at most 180 s, npm install included) until it accepts connections; its
   * output goes to {@code target/openapi/prism.log}. Skipped with a printed reason without node and npm.
   */
  public static Proxy prism(Path doc, String upstream) throws IOException, InterruptedException {
    Path root = root("contract test");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = doc.resolveSibling("prism.log");
    Process p = new ProcessBuilder(root.resolve("loadtests/prism-proxy").toString(), doc.toString(), upstream,
        Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        String out = Files.readString(log);
        Assumptions.assumeTrue(p.exitValue() != 2, "contract test skipped: Prism could not be installed:\n" + out);
        throw new AssertionError("Prism exited with " + p.exitValue() + ":\n" + out);
      }
      try (java.net.Socket ignored = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return new Proxy(p, port);
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("Prism did not listen on " + port + " within 180 s:\n" + Files.readString(log));
  }

  private static Path root(String what) {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("loadtests/openapi-lint"))) {
      root = root.getParent();
    }
    Assumptions.assumeTrue(root != null, "OpenAPI " + what + " skipped: loadtests/ not found above the working directory");
    Assumptions.assumeTrue(onPath("node") && onPath("npm"),
        "OpenAPI " + what + " skipped: node and npm are not installed (Debian: apt-get install -y nodejs npm)");
    return root;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
