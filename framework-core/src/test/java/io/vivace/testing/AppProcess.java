package io.vivace.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app's {@code main} in its own JVM (on this test's class path unless told), for what only a process shows:
 * exit statuses, signals, configuration errors. Output lines (stdout and stderr) are collected.
 */
public final class AppProcess implements AutoCloseable {
  /** The startup line's port; JSON log lines write {@code /} as {@code \/}. */
  private static final Pattern LISTENING = Pattern.compile("listening on https?:\\\\?/\\\\?/[^:]+:(\\d+)");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private AppProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "app-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} with extra environment variables. */
  public static AppProcess start(Class<?> mainClass, Map<String, String> env) throws IOException {
    return java(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()), env);
  }

  /**
   * Starts this JVM's {@code java} with {@code args} (options, then the main class or
   * {@code -m module/class}) and extra environment variables, for apps launched another way, such
   * as on the module path.
   */
  public static AppProcess java(List<String> args, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new AppProcess(pb.start());
  }

  /** Waits for the startup line and returns the port it names. */
  public int awaitPort(long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      for (String l : lines) {
        Matcher m = LISTENING.matcher(l);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!process.isAlive() && lines.stream().noneMatch(l -> LISTENING.matcher(l).find())) {
        throw new IllegalStateException("the app exited: " + lines);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no startup line in " + timeoutMs + " ms: " + lines);
  }

  /** Sends SIGTERM (on Unix, {@link Process#destroy()}). */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the exit status. */
  public int awaitExit(long timeoutMs) throws InterruptedException {
    if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the app did not exit in " + timeoutMs + " ms: " + lines);
    }
    Thread.sleep(50); // let the reader drain the last lines
    return process.exitValue();
  }

  /** The output lines so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
