package io.vivace.loadtests.gatling.sim;

/**
 * When the current simulation began injecting load, for a runner that runs Gatling in its own JVM
 * and wants the CPU figures of the measured window only (it starts {@code warmup} seconds later).
 * Written by {@link VivaceSimulation#before()} on Gatling's thread, read by the runner after the
 * run; a volatile field, so any thread sees the last value.
 */
public final class LoadWindow {
  private static volatile long startNanos;

  private LoadWindow() {
  }

  static void markStart() {
    startNanos = System.nanoTime();
  }

  /** {@link System#nanoTime()} when the last simulation's load began, 0 before any. */
  public static long startNanos() {
    return startNanos;
  }
}
