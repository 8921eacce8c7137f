package io.vivace.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The app run by {@code vivace dev}: a child JVM on {@code target/classes} and the project's class
 * path, with the environment the dev process chose ({@code DATABASE_URL} of the embedded server it
 * keeps up, {@code PORT}). Each restart is a new JVM, so no state leaks between versions; JIT-light
 * flags keep its start short. Its output is copied to ours, line by line. Not thread-safe: the dev
 * loop drives it.
 */
final class DevApp {
  /** Start quickly; a development app needs no peak throughput. */
  static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  private final Path classes;
  /** Where {@link DevLauncher}'s class is copied: the first entry of the app's class path. */
  private final Path launcher;
  private final List<Path> classpath;
  private final String mainClass;
  private final Map<String, String> env;
  private final PrintWriter out;
  private Process process;

  DevApp(Path classes, List<Path> classpath, String mainClass, Map<String, String> env, PrintWriter out) {
    this.classes = classes;
    this.launcher = classes.getParent().resolve("vivace-dev/launcher");
    this.classpath = classpath;
    this.mainClass = mainClass;
    this.env = env;
    this.out = out;
  }

  /**
   * Starts the app and waits for its start line ({@code listening on}) or its exit, at most
   * {@code timeoutMs}; true once it listens.
   */
  boolean start(long timeoutMs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    installLauncher();
    List<String> cp = new ArrayList<>();
    cp.add(launcher.toString());
    cp.add(classes.toString());
    classpath.forEach(p -> cp.add(p.toString()));
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp), DevLauncher.class.getName(), mainClass));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start(); // its standard input stays open: DevLauncher ends the app when it closes
    process = p;
    CountDownLatch listening = new CountDownLatch(1);
    Thread copy = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          synchronized (out) {
            out.println(l);
            out.flush();
          }
          if (l.contains("listening on")) {
            listening.countDown();
          }
        }
      } catch (IOException ended) {
        // the app ended
      }
      listening.countDown();
    }, "vivace-dev-app-output");
    copy.setDaemon(true);
    copy.start();
    listening.await(timeoutMs, TimeUnit.MILLISECONDS);
    return p.isAlive();
  }

  private void installLauncher() throws IOException {
    install(launcher, DevLauncher.class);
  }

  /** Copies {@code launcherClass}'s bytes (a class of this tool) under {@code dir}, for a JVM on the app's class path. */
  static void install(Path dir, Class<?> launcherClass) throws IOException {
    Path to = dir.resolve(launcherClass.getName().replace('.', '/') + ".class");
    java.nio.file.Files.createDirectories(to.getParent());
    try (java.io.InputStream in = launcherClass.getResourceAsStream(launcherClass.getSimpleName() + ".class")) {
      java.nio.file.Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The app's process id, or -1 when it is not running. */
  long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Stops the app (SIGTERM: it drains and exits), killing it after 10 s; no-op when not running. */
  void stop() throws InterruptedException {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }
}
