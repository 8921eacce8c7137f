package io.vivace.impl;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGTERM and SIGINT instead of the JVM's default exit (status 143/130), so a
 * graceful shutdown can end with status 0. The JDK has no supported API for this: it uses
 * {@code sun.misc.Signal} of module {@code jdk.unsupported} (exported for exactly this use), looked
 * up reflectively once at start so the build carries no "internal proprietary API" warning; where
 * that class is missing the JVM's default handling stays.
 */
final class Signals {
  private Signals() {
  }

  /**
   * Installs {@code action} for TERM and INT; it runs on the JVM's signal thread.
   *
   * @return false when the handlers could not be installed (the JVM's default handling stays)
   */
  static boolean onTermination(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler},
          (self, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(self);
              case "equals" -> self == args[0];
              default -> "Signals.onTermination";
            };
          });
      Method handle = signal.getMethod("handle", signal, handler);
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
