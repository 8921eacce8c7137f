package io.vivace.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app's JVM under {@code vivace dev}: one child JVM, started once with the project's class path
 * and the environment the dev process chose ({@code DATABASE_URL} of the embedded server it keeps up,
 * {@code PORT}), that runs each version of the app in a class loader of its own ({@link DevLauncher})
 * when {@link #load} asks. A new JVM is started only for the first version, when the class path
 * changed, or when the old one could not let go of a version ({@link #launch} again). Its output is
 * copied to ours, line by line, except the launcher's answers. Not thread-safe: the dev loop drives it.
 */
final class DevApp {
  /** Start quickly; a development app needs no peak throughput. */
  static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  /** What became of a version. */
  enum Outcome {
    /** It listens. */
    UP,
    /** It did not start (its output says why); the JVM is fine. */
    FAILED,
    /** The JVM could not let go of the previous version in time: start a new JVM. */
    UNUSABLE,
    /** The JVM ended, or never answered. */
    ENDED
  }

  /** A version's outcome, the launcher's times (stopping the previous version, starting this one) and why. */
  record Result(Outcome outcome, long stopMs, long startMs, String detail) {
  }

  private final Path classes;
  /** Where {@link DevLauncher}'s classes are copied: the first entry of the JVM's class path. */
  private final Path launcher;
  private final Path copies;
  private List<Path> classpath;
  private final String mainClass;
  private final Map<String, String> env;
  private final PrintWriter out;
  private Process process;
  private OutputStream commands;
  private BlockingQueue<String> answers;
  /** Set when this tool stops the JVM it launched last (one flag per JVM): its end is then expected. */
  private AtomicBoolean stopping = new AtomicBoolean();

  DevApp(Path classes, List<Path> classpath, String mainClass, Map<String, String> env, PrintWriter out) {
    this.classes = classes;
    this.launcher = classes.getParent().resolve("vivace-dev/launcher");
    this.copies = classes.getParent().resolve("vivace-dev/versions");
    this.classpath = classpath;
    this.mainClass = mainClass;
    this.env = env;
    this.out = out;
  }

  /** The class path of the next {@link #launch}. */
  void classpath(List<Path> jars) {
    this.classpath = jars;
  }

  /** Starts a new JVM, with no version of the app yet (stop the old one first). */
  void launch() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    Path logback = classes.resolve("logback.xml"); // the JVM's one Logback set-up: read at its start
    if (Files.isRegularFile(logback)) {
      cmd.add("-Dlogback.configurationFile=" + logback);
    }
    install(launcher, DevLauncher.class, DevVersion.class);
    List<String> cp = new ArrayList<>();
    cp.add(launcher.toString());
    classpath.forEach(p -> cp.add(p.toString()));
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp), DevLauncher.class.getName(), mainClass,
        classes.toString(), copies.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    AtomicBoolean expected = new AtomicBoolean();
    stopping = expected;
    Process p = pb.start(); // its standard input stays open: the launcher ends the JVM when it closes
    BlockingQueue<String> said = new LinkedBlockingQueue<>();
    process = p;
    commands = p.getOutputStream();
    answers = said;
    Thread copy = new Thread(() -> copyOutput(p, said, expected), "vivace-dev-app-output");
    copy.setDaemon(true);
    copy.start();
  }

  private void copyOutput(Process p, BlockingQueue<String> said, AtomicBoolean expected) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        int mark = l.indexOf(DevLauncher.MARK); // at the start, unless the app left half a line before it
        if (mark >= 0) {
          said.add(l.substring(mark + DevLauncher.MARK.length()));
          l = l.substring(0, mark);
          if (l.isEmpty()) {
            continue;
          }
        }
        synchronized (out) {
          out.println(l);
          out.flush();
        }
      }
    } catch (IOException ended) {
      // the JVM ended
    }
    said.add("ended");
    if (!expected.get()) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (out) {
        out.println("The app's JVM ended" + (p.isAlive() ? "" : " (status " + p.exitValue() + ")")
            + "; a new one starts on the next save");
        out.flush();
      }
    }
  }

  /**
   * Asks the JVM to run the classes in {@code target/classes} as the next version (stopping the one
   * it runs) and waits for its answer, at most {@code timeoutMs}.
   */
  Result load(long timeoutMs) throws InterruptedException {
    if (!alive()) {
      return new Result(Outcome.ENDED, 0, 0, "the JVM is not running");
    }
    answers.clear();
    try {
      commands.write("start\n".getBytes(StandardCharsets.US_ASCII));
      commands.flush();
    } catch (IOException e) {
      return new Result(Outcome.ENDED, 0, 0, "the JVM ended");
    }
    String a = answers.poll(timeoutMs, TimeUnit.MILLISECONDS);
    if (a == null) {
      return new Result(Outcome.ENDED, 0, 0, "no answer within " + timeoutMs + " ms");
    }
    String[] w = a.split(" ", 4);
    return switch (w[0]) {
      case "up" -> new Result(Outcome.UP, Long.parseLong(w[1]), Long.parseLong(w[2]), null);
      case "failed" -> new Result(Outcome.FAILED, Long.parseLong(w[1]), Long.parseLong(w[2]), w.length > 3 ? w[3] : "");
      case "unusable" -> new Result(Outcome.UNUSABLE, 0, 0, a.substring("unusable ".length()));
      default -> new Result(Outcome.ENDED, 0, 0, "the JVM ended");
    };
  }

  /** Copies the bytes of {@code launcherClasses} (classes of this tool, nested ones too) under {@code dir}. */
  static void install(Path dir, Class<?>... launcherClasses) throws IOException {
    for (Class<?> top : launcherClasses) {
      for (Class<?> c : top.getNestMembers()) {
        Path to = dir.resolve(c.getName().replace('.', '/') + ".class");
        Files.createDirectories(to.getParent());
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (java.io.InputStream in = c.getResourceAsStream(file)) {
          Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The JVM's process id, or -1 when it is not running. */
  long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Stops the JVM: closes its standard input (the launcher stops the app gracefully and exits),
   * killing it after 20 s; no-op when not running.
   */
  void stop() throws InterruptedException {
    Process p = process;
    if (p == null) {
      return;
    }
    stopping.set(true);
    try {
      commands.close();
    } catch (IOException gone) {
      // it has ended
    }
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
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
