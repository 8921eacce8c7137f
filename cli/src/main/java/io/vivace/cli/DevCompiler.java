package io.vivace.cli;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the project's main sources for {@code vivace dev} in this process ({@code javax.tools}),
 * with its class path and the DSL-JSON annotation processor, into {@code target/classes}; copies its
 * resources there. Only what changed is compiled, with the sources that name a changed class (its
 * simple name appears in them), so callers see the new signatures; a deleted source means a full
 * compile. DSL-JSON lists its converters in one services file, which a partial compile would cut
 * short: the entries of earlier compiles are kept while their classes exist. Not thread-safe, but for
 * {@link #warmUp}'s own thread.
 */
final class DevCompiler implements AutoCloseable {
  static final String DSL_SERVICES = "META-INF/services/com.dslplatform.json.Configuration";

  private final Path sources;
  private final Path resources;
  private final Path classes;
  private final List<Path> classpath;
  private final String release;
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  /** Held while javac runs: a compile and the warm-up take turns. */
  private final Object lock = new Object();
  /** One file manager for every compile: the class path's jars are opened and indexed once. */
  private StandardJavaFileManager files;
  private volatile boolean warmUpWanted;

  DevCompiler(Project project, List<Path> classpath, String release) {
    this.sources = project.root.resolve("src/main/java");
    this.resources = project.root.resolve("src/main/resources");
    this.classes = project.root.resolve("target/classes");
    this.classpath = classpath;
    this.release = release;
    if (javac == null) {
      throw new CliException(VivaceCli.EXIT_IO, "vivace dev needs a JDK (javax.tools), not a JRE: run it with a JDK's java");
    }
  }

  /** Every source file. */
  List<Path> allSources() throws IOException {
    try (Stream<Path> s = Files.walk(sources)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /**
   * Compiles {@code changed} (all sources when null or when one was deleted) and what names them.
   *
   * @return null on success, else the compiler's errors, one {@code file:line: message} per line
   */
  String compile(Collection<Path> changed) throws IOException {
    List<Path> all = allSources();
    Set<Path> todo = new LinkedHashSet<>();
    if (changed == null || changed.stream().anyMatch(p -> p.toString().endsWith(".java") && !Files.exists(p))) {
      todo.addAll(all);
    } else {
      for (Path c : changed) {
        if (c.toString().endsWith(".java")) {
          todo.add(c);
          String simple = c.getFileName().toString().replace(".java", "");
          for (Path other : all) {
            if (!todo.contains(other) && Files.readString(other, StandardCharsets.UTF_8).contains(simple)) {
              todo.add(other);
            }
          }
        }
      }
    }
    if (todo.isEmpty()) {
      return null;
    }
    Files.createDirectories(classes);
    Path services = classes.resolve(DSL_SERVICES);
    Set<String> kept = new LinkedHashSet<>(Files.exists(services) ? Files.readAllLines(services) : List.of());
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    warmUpWanted = false;
    boolean ok;
    synchronized (lock) {
      ok = run(todo, classes, diagnostics);
    }
    if (!ok) {
      StringBuilder b = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          String file = d.getSource() == null ? "" : sources.relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
          b.append(file).append(d.getMessage(Locale.ROOT).lines().findFirst().orElse("")).append('\n');
        }
      }
      return b.toString();
    }
    Set<String> merged = new LinkedHashSet<>(Files.exists(services) ? Files.readAllLines(services) : List.of());
    for (String k : kept) {
      if (!k.isBlank() && Files.exists(classes.resolve(k.strip().replace('.', '/') + ".class"))) {
        merged.add(k);
      }
    }
    if (!merged.isEmpty()) {
      Files.createDirectories(services.getParent());
      Files.write(services, merged);
    }
    return null;
  }

  /** Compiles {@code units} into {@code out}; the caller holds {@link #lock}. */
  private boolean run(Collection<Path> units, Path out, DiagnosticCollector<JavaFileObject> diagnostics) {
    List<String> cp = new ArrayList<>();
    cp.add(classes.toString());
    classpath.forEach(p -> cp.add(p.toString()));
    String processor = classpath.stream().filter(p -> p.getFileName().toString().startsWith("dsl-json-"))
        .map(Path::toString).findFirst().orElse(String.join(File.pathSeparator, cp));
    List<String> options = List.of("--release", release, "-parameters", "-implicit:class",
        "-d", out.toString(), "-cp", String.join(File.pathSeparator, cp), "-processorpath", processor,
        "-encoding", "UTF-8");
    if (files == null) {
      files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    return javac.getTask(new StringWriter(), files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(units)).call();
  }

  /**
   * Compiles every source, twice, into a scratch folder on a background thread of low priority, so
   * that javac's own code is compiled by the JIT before the first reload (a cold javac takes seconds
   * over one file, a warm one a fraction of a second). Meant to run while the app's JVM starts; a
   * {@link #compile} stops it after the round under way.
   */
  void warmUp() {
    warmUpWanted = true;
    Path scratch = classes.getParent().resolve("vivace-dev/javac-warm-up");
    Thread t = new Thread(() -> {
      try {
        for (int round = 0; round < 2 && warmUpWanted; round++) {
          synchronized (lock) {
            Files.createDirectories(scratch);
            run(allSources(), scratch, new DiagnosticCollector<>());
          }
        }
        DevVersion.deleteTree(scratch);
      } catch (IOException | RuntimeException ignored) {
        // a warm-up only: the real compiles report errors
      }
    }, "vivace-dev-javac-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** Closes the file manager (the class path's jars it holds open). */
  @Override
  public void close() throws IOException {
    warmUpWanted = false;
    synchronized (lock) {
      if (files != null) {
        files.close();
        files = null;
      }
    }
  }

  /** Deletes from {@code target/classes} the copies of the resources among {@code changed} that were deleted. */
  void removeDeleted(Collection<Path> changed) throws IOException {
    for (Path p : changed) {
      if (p.startsWith(resources) && !Files.exists(p)) {
        Files.deleteIfExists(classes.resolve(resources.relativize(p).toString()));
      }
    }
  }

  /** Copies every resource into {@code target/classes} (migrations included); returns how many. */
  int copyResources() throws IOException {
    if (!Files.isDirectory(resources)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> s = Files.walk(resources)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path to = classes.resolve(resources.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        n++;
      }
    }
    return n;
  }
}
