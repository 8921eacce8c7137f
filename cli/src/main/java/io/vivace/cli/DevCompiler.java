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
 * short: the entries of earlier compiles are kept while their classes exist. Not thread-safe.
 */
final class DevCompiler {
  static final String DSL_SERVICES = "META-INF/services/com.dslplatform.json.Configuration";

  private final Path sources;
  private final Path resources;
  private final Path classes;
  private final List<Path> classpath;
  private final String release;
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

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
    List<String> cp = new ArrayList<>();
    cp.add(classes.toString());
    classpath.forEach(p -> cp.add(p.toString()));
    String processor = classpath.stream().filter(p -> p.getFileName().toString().startsWith("dsl-json-"))
        .map(Path::toString).findFirst().orElse(String.join(File.pathSeparator, cp));
    List<String> options = List.of("--release", release, "-parameters", "-implicit:class",
        "-d", classes.toString(), "-cp", String.join(File.pathSeparator, cp), "-processorpath", processor,
        "-encoding", "UTF-8");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(todo);
      ok = javac.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
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
