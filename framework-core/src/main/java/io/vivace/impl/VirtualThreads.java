package io.vivace.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Virtual-thread executor on JDK 21+, looked up once at startup (the build targets Java 17). */
final class VirtualThreads {
  private VirtualThreads() {
  }

  /** A new virtual-thread-per-task executor, or {@code null} when the JVM has none. */
  static ExecutorService executorOrNull() {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    try {
      return (ExecutorService) MethodHandles.publicLookup()
          .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
          .invoke();
    } catch (Throwable e) {
      return null;
    }
  }
}
