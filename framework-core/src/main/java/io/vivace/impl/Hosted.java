package io.vivace.impl;

import io.vivace.App;
import io.vivace.json.impl.Converters;
import io.vivace.problem.impl.ProblemResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hosting: the app run by a process that reloads it in one JVM, a new class loader per version,
 * instead of owning the JVM. The one host is {@code vivace dev}'s launcher, which reaches this class
 * by reflection (the framework's jars are on its JVM's class path, the app's classes in the
 * version's loader); it is not API, and nothing happens here unless {@link #begin} was called, so
 * an app run any other way behaves as before.
 *
 * <p>Once a host has called {@link #begin}:
 * <ul>
 *   <li>{@link App#run()} neither exits the JVM nor installs signal handlers: the host owns the
 *       process. A start failure is thrown as {@link StartFailure}, carrying the line {@code run()}
 *       would have printed.</li>
 *   <li>Every app that starts is tracked, so the host can stop them all ({@link #stopAll}) before the
 *       next version starts: the servers drain, the stop hooks run (pools and clients close), Vert.x
 *       closes with its threads.</li>
 *   <li>The JVM-wide lookups of the framework find the version's classes: {@link #begin} gives the
 *       JSON converters a new DSL-JSON instance over the version's loader and finds the problem
 *       mappers again through it.</li>
 * </ul>
 * Thread-safe; the host calls one method at a time.
 */
public final class Hosted {
  private static volatile boolean on;
  private static final List<Tracked> APPS = new CopyOnWriteArrayList<>();

  private record Tracked(AppImpl app, java.util.concurrent.CompletableFuture<App> started) {
  }

  /** What {@link App#run()} throws instead of exiting, under a host: {@link #getMessage()} is its one line. */
  public static final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailure(String line, Throwable cause) {
      super(line, cause);
    }
  }

  private Hosted() {
  }

  /**
   * Starts hosting the next version of the app, whose classes {@code loader} loads: call it before the
   * version's {@code main} runs (on a thread whose context loader is {@code loader}), after
   * {@link #stopAll} stopped the previous version.
   */
  public static void begin(ClassLoader loader) {
    on = true;
    APPS.clear();
    Converters.use(loader);
    ProblemResponses.useLoader(loader);
  }

  /** Ends hosting: the JVM's own converters and mappers again (for tests, which share their JVM). */
  static void end() {
    on = false;
    APPS.clear();
    Converters.use(Hosted.class.getClassLoader());
    ProblemResponses.useLoader(Hosted.class.getClassLoader());
  }

  static boolean on() {
    return on;
  }

  /**
   * Ends a failed {@link App#run()}: prints {@code line} (unless null) and exits with {@code status};
   * under a host throws {@link StartFailure} instead, the JVM being the host's.
   */
  static void exit(int status, String line, Throwable cause) {
    if (on) {
      throw new StartFailure(line != null ? line : "vivace: the app's start ended with status " + status, cause);
    }
    if (line != null) {
      System.err.println(line);
    }
    System.exit(status);
  }

  /** Called by {@link AppImpl#start()} under a host. */
  static void track(AppImpl app, io.vertx.core.Future<App> started) {
    APPS.add(new Tracked(app, started.toCompletionStage().toCompletableFuture()));
  }

  /** How many apps started (or are starting) since {@link #begin}. */
  public static int apps() {
    return APPS.size();
  }

  /**
   * Waits until every tracked app listens.
   *
   * @return null when they all do; else the first failure's message, or a line saying which one is still starting
   */
  public static String awaitStarted(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    for (Tracked t : APPS) {
      try {
        t.started().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        return String.valueOf(e.getCause());
      } catch (TimeoutException e) {
        return "the app did not start within " + timeoutMs + " ms";
      }
    }
    return null;
  }

  /** The ports the tracked apps listen on (the management port too), for the host to see them freed. */
  public static int[] ports() {
    List<Integer> ports = new ArrayList<>();
    for (Tracked t : APPS) {
      for (int p : new int[] {t.app().port(), t.app().managementPort()}) {
        if (p > 0) {
          ports.add(p);
        }
      }
    }
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Stops every tracked app ({@link App#stop()}: drain, stop hooks, Vert.x closed), each within what
   * is left of {@code timeoutMs}, and forgets them.
   *
   * @return null when all stopped; else a line naming what did not
   */
  public static String stopAll(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String failed = null;
    for (Tracked t : APPS) {
      try {
        try {
          t.started().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException startFailed) {
          continue; // a failed start has already run the stop hooks and closed Vert.x
        }
        t.app().stop().toCompletionStage().toCompletableFuture()
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        failed = "the app did not stop cleanly: " + e.getCause();
      } catch (TimeoutException e) {
        failed = "the app did not stop within " + timeoutMs + " ms";
      }
    }
    APPS.clear();
    return failed;
  }
}
