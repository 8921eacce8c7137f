package io.vivace.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One version of the app in {@link DevLauncher}'s JVM: a copy of {@code target/classes} (so the next
 * compile, or a failed one, never changes the classes of the version that serves), a class loader
 * over it that loads the app's classes itself and everything else (the framework, its libraries)
 * from the JVM's class path, and the app's {@code main} run on a thread whose context loader is that
 * loader (Vert.x gives its threads the loader of the thread that creates it; Flyway and the service
 * lookups read it). Stopping goes through the framework's host hook ({@code io.vivace.impl.Hosted}),
 * then waits, within a deadline, for the version's ports to be free and its threads to end. JDK only
 * (copied with the launcher). Driven by one thread.
 */
final class DevVersion {
  private static final String HOSTED = "io.vivace.impl.Hosted";
  private static final String START_FAILURE = HOSTED + "$StartFailure";

  private final Path copy;
  private final String mainClass;
  private final AppLoader loader;
  private Set<Thread> before = Set.of();

  private DevVersion(Path copy, String mainClass) throws IOException {
    this.copy = copy;
    this.mainClass = mainClass;
    this.loader = new AppLoader(copy.getFileName().toString(), copy.toUri().toURL(), DevVersion.class.getClassLoader());
  }

  /** A version of the classes in {@code classes}, copied to {@code copy}. */
  static DevVersion copy(Path classes, Path copy, String mainClass) throws IOException {
    try (Stream<Path> all = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = copy.resolve(classes.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return new DevVersion(copy, mainClass);
  }

  /**
   * Runs the app's {@code main} and waits, at most {@code timeoutMs}, until it returned and the apps
   * it started listen.
   *
   * @return null once they listen; else why not (its output says more)
   */
  String start(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    before = Set.copyOf(Thread.getAllStackTraces().keySet());
    Throwable[] thrown = new Throwable[1];
    try {
      hosted("begin", ClassLoader.class).invoke(null, loader);
    } catch (ReflectiveOperationException e) {
      return "the framework on the class path has no host hook (" + HOSTED + "): " + e;
    }
    Thread main = new Thread(() -> {
      try {
        Class.forName(mainClass, true, loader).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
      } catch (InvocationTargetException e) {
        thrown[0] = e.getCause();
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        thrown[0] = e;
      }
    }, "main");
    main.setContextClassLoader(loader);
    main.start();
    main.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    if (main.isAlive()) {
      return mainClass + ".main did not return within " + timeoutMs + " ms (App.run() returns once the app listens)";
    }
    Throwable t = thrown[0];
    if (t != null) {
      if (t.getClass().getName().equals(START_FAILURE)) {
        System.err.println(t.getMessage());
        return t.getMessage();
      }
      StackTraceElement[] trace = t.getStackTrace();
      int own = 0; // the app's frames, without this launcher's reflective call below them
      while (own < trace.length && !trace[own].getClassName().startsWith("jdk.internal.reflect.")) {
        own++;
      }
      t.setStackTrace(java.util.Arrays.copyOf(trace, own));
      System.err.print("Exception in thread \"main\" ");
      t.printStackTrace();
      return t.toString();
    }
    try {
      if ((int) hosted("apps").invoke(null) == 0) {
        return mainClass + ".main returned without starting an app";
      }
      return (String) hosted("awaitStarted", long.class)
          .invoke(null, Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (ReflectiveOperationException e) {
      return "the host hook failed: " + e;
    }
  }

  /**
   * Stops the version's apps within {@code stopMs}, then waits up to {@code releaseMs} for their ports
   * to be free and the version's threads to end (none when 0), and drops the version.
   *
   * @return null when it let go of everything; else what it held on to
   */
  String stop(long stopMs, long releaseMs) throws InterruptedException {
    String why;
    int[] ports;
    try {
      ports = (int[]) hosted("ports").invoke(null);
      why = (String) hosted("stopAll", long.class).invoke(null, stopMs);
    } catch (ReflectiveOperationException e) {
      return "the host hook failed: " + e;
    }
    if (why != null || releaseMs == 0) {
      return why;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(releaseMs);
    for (int port : ports) {
      while (!free(port)) {
        if (System.nanoTime() > deadline) {
          return "port " + port + " still in use " + releaseMs + " ms after the old version stopped";
        }
        Thread.sleep(20);
      }
    }
    for (List<String> left = threadsLeft(); !left.isEmpty(); left = threadsLeft()) {
      if (System.nanoTime() > deadline) {
        return "threads of the old version still run " + releaseMs + " ms after it stopped: " + String.join(", ", left);
      }
      Thread.sleep(20);
    }
    try {
      loader.close();
      deleteTree(copy);
    } catch (IOException ignored) {
      // left for the next session's launcher, which empties the folder of copies
    }
    return null;
  }

  /**
   * The threads of this version that still run: those that were not running before it and have its
   * loader as their context loader, inherited from the thread that made them (Vert.x's, the clients',
   * the app's own). Threads of JVM-wide singletons that clear it (the JDK's, Netty's global executor,
   * which ends by itself a second after its last task) hold nothing of the version and are not waited for.
   */
  private List<String> threadsLeft() {
    List<String> left = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t != Thread.currentThread() && !before.contains(t) && t.getContextClassLoader() == loader) {
        left.add(t.getName());
      }
    }
    return left;
  }

  private static boolean free(int port) {
    String host = System.getenv("HOST");
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(host == null || host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  private static Method hosted(String name, Class<?>... types) throws ReflectiveOperationException {
    return Class.forName(HOSTED).getMethod(name, types);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Loads the app's classes and resources from the version's copy first, and the rest from the JVM's
   * class path: a class of the app is never taken from a jar, a library class is loaded once per JVM.
   */
  static final class AppLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    AppLoader(String name, URL classes, ClassLoader parent) {
      super("app-" + name, new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
          c = findClass(name);
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }
  }
}
