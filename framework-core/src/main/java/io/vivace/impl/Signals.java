package io.vivace.impl;

/**
 * Runs an action on SIGTERM and SIGINT instead of the JVM's default exit (status 143/130), so a
 * graceful shutdown can end with status 0. Uses {@code sun.misc.Signal} (module jdk.unsupported);
 * where that is missing the JVM's default handling stays.
 */
final class Signals {
  private Signals() {
  }

  /** Installs {@code action} for TERM and INT; it runs on the JVM's signal thread. */
  static boolean onTermination(Runnable action) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> action.run());
      }
      return true;
    } catch (Throwable e) {
      return false;
    }
  }
}
