package io.vivace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code main} of the app's JVM under {@code vivace dev}: one JVM for the whole session, the
 * project's dependencies (Vert.x, Netty, DSL-JSON, the framework) on its class path, loaded and
 * compiled by the JIT once; each version of the app runs in a class loader of its own
 * ({@link DevVersion}). It reads commands from its standard input, one per line:
 * <ul>
 *   <li>{@code start}: stops the running version in this JVM (the framework's host hook,
 *       {@code io.vivace.impl.Hosted}: its servers drained, stop hooks run, Vert.x closed), checks its
 *       ports are free and its threads gone, then runs the app's {@code main} (the first argument)
 *       from a fresh copy of {@code target/classes} and answers one {@link #MARK} line: {@code up <stop ms> <start ms>},
 *       {@code failed <stop ms> <start ms> <why>} (the app did not start; the JVM is fine) or
 *       {@code unusable <why>} (the old version did not let go in time: the dev process starts a new
 *       JVM).</li>
 *   <li>end of file: the dev process is gone (even by {@code kill -9}): the version stops and the JVM
 *       exits, so the app never outlives {@code vivace dev}. SIGTERM and SIGINT stop it the same way.</li>
 * </ul>
 * The dev process copies this class's bytes (and {@link DevVersion}'s) next to the app's class path;
 * they use nothing but the JDK, and reach the framework by reflection.
 */
public final class DevLauncher {
  /** The start of the lines meant for the dev process, which reads them and does not print them. */
  public static final String MARK = "@vivace-dev@ ";
  /** The longest a version may take to stop, ms. */
  static final long STOP_MS = 15_000;
  /** The longest the ports and threads of a stopped version may take to be gone, ms. */
  static final long RELEASE_MS = 5_000;
  /** The longest a version may take to start, ms. */
  static final long START_MS = 120_000;

  private static volatile DevVersion current;

  private DevLauncher() {
  }

  /** Arguments: the app's main class, its classes folder, a folder for the versions' copies. */
  public static void main(String[] args) throws Exception {
    String mainClass = args[0];
    Path classes = Path.of(args[1]);
    Path copies = Path.of(args[2]);
    DevVersion.deleteTree(copies);
    initLogging();
    Runtime.getRuntime().addShutdownHook(new Thread(DevLauncher::stopCurrent, "vivace-dev-stop"));
    BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    Thread parent = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          commands.add(line);
        }
      } catch (IOException gone) {
        // the same as the end: the pipe broke
      }
      System.exit(0); // the dev process is gone, even while a version starts: the shutdown hook stops it
    }, "vivace-dev-parent");
    parent.setDaemon(true);
    parent.start();
    for (int n = 1; ; n++) {
      while (!commands.take().equals("start")) {
        // the only command
      }
      start(mainClass, classes, copies.resolve("v" + n));
    }
  }

  private static void start(String mainClass, Path classes, Path copy) throws InterruptedException {
    long t0 = System.nanoTime();
    DevVersion old = current;
    if (old != null) {
      current = null;
      String why = old.stop(STOP_MS, RELEASE_MS);
      if (why != null) {
        answer("unusable " + why);
        return;
      }
    }
    long t1 = System.nanoTime();
    DevVersion next;
    try {
      next = DevVersion.copy(classes, copy, mainClass);
    } catch (IOException e) {
      answer("unusable could not copy " + classes + ": " + e);
      return;
    }
    current = next;
    String failure = next.start(START_MS);
    long t2 = System.nanoTime();
    String times = TimeUnit.NANOSECONDS.toMillis(t1 - t0) + " " + TimeUnit.NANOSECONDS.toMillis(t2 - t1);
    answer(failure == null ? "up " + times : "failed " + times + " " + failure.replace('\n', ' '));
  }

  private static void stopCurrent() {
    DevVersion v = current;
    current = null;
    if (v != null) {
      try {
        v.stop(STOP_MS, 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Sets up logging (the framework's Logback set-up) once, before any version, so the threads of its
   * appenders belong to the JVM rather than to the first version.
   */
  private static void initLogging() {
    try {
      Method logger = Class.forName("org.slf4j.LoggerFactory").getMethod("getLogger", String.class);
      logger.invoke(null, "io.vivace.dev");
    } catch (ReflectiveOperationException | LinkageError noLogging) {
      // the app has no SLF4J: nothing to set up
    }
  }

  static void answer(String line) {
    synchronized (System.out) {
      System.out.println(MARK + line);
      System.out.flush();
    }
  }
}
