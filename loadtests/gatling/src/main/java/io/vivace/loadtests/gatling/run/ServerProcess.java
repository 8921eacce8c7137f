package io.vivace.loadtests.gatling.run;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test: a runnable jar started with production JVM flags on a free port of
 * 127.0.0.1, its output in a log file. {@link #close()} sends SIGTERM (the apps drain and stop
 * cleanly), and SIGKILL after 30 seconds. Only processes this class started are ever signalled.
 */
final class ServerProcess implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final String baseUrl;
  private final Path log;
  private final Path jar;

  private ServerProcess(String name, Path jar, Process process, String baseUrl, Path log) {
    this.name = name;
    this.jar = jar;
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  /**
   * A server already running elsewhere ({@code loadtests/run --target URL}): never started nor
   * stopped here; its CPU time is unknown ({@link #handle()} is null).
   *
   * @param baseUrl scheme, host and port, without a trailing slash
   */
  static ServerProcess remote(String name, String baseUrl) {
    return new ServerProcess(name, null, null, baseUrl, null);
  }

  /**
   * Starts {@code java <jvmFlags> -jar <jar>} with {@code PORT} and {@code HOST=127.0.0.1} added to
   * {@code env}; it is not ready yet: call {@link #awaitReady}.
   *
   * @throws IOException when the jar is missing or the JVM cannot be started
   */
  static ServerProcess launch(String name, Path jar, List<String> jvmFlags, Map<String, String> env, Path log)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(name + ": no jar at " + jar + " (build it, or let loadtests/run build it)");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("HOST", "127.0.0.1");
    return new ServerProcess(name, jar, pb.start(), "http://127.0.0.1:" + port, log);
  }

  /**
   * Waits until {@code GET readyPath} answers 200.
   *
   * @param timeout how long startup may take (migrations and seeding included)
   * @throws IOException when the server exits or is not ready in time (it is then stopped); the
   *     message holds the end of its log
   */
  ServerProcess awaitReady(String readyPath, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + " during startup:\n" + logTail());
      }
      if (status("GET", readyPath, null) == 200) {
        return this;
      }
      Thread.sleep(200);
    }
    close();
    throw new IOException(name + " was not ready (GET " + readyPath + " -> 200) within " + timeout.toSeconds() + " s:\n" + logTail());
  }

  String name() {
    return name;
  }

  Path jar() {
    return jar;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The server's process, or null for a {@link #remote} one. */
  ProcessHandle handle() {
    return process == null ? null : process.toHandle();
  }

  /** The status of one request, or -1 when the server does not answer. */
  int status(String method, String path, String jsonBody) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
      if (jsonBody != null) {
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The last lines of the server's log. */
  String logTail() {
    if (log == null) {
      return "(a remote target: no log here)";
    }
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The first line that says where it listens, for the summary. */
  String startupLine() {
    if (log == null) {
      return "already running at " + baseUrl + " (not started by the runner)";
    }
    try {
      return Files.readAllLines(log).stream().filter(l -> l.toLowerCase().contains("listening"))
          .findFirst().orElse("").trim();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
