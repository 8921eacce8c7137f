package io.vivace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vivace openapi}: the project's OpenAPI 3.1 document, written without serving it (for
 * client generation in CI). It runs the project's built jar ({@code target/<name>.jar}) with
 * {@code VIVACE_OPENAPI_EXPORT} set: the app declares its routes as usual, then its
 * {@code run()} writes the document and exits 0 before anything starts (no port, no database
 * connection, no {@code JWT_SECRET} needed). The document goes to standard output, or with
 * {@code -o} to a file, replaced atomically: on any failure the file is as it was.
 */
@Command(name = "openapi", mixinStandardHelpOptions = true,
    description = "Writes the project's OpenAPI 3.1 document (JSON or YAML) without serving it.")
final class OpenApiCommand implements Callable<Integer> {
  /** How long the app may take to declare its routes and write the document. */
  static final long TIMEOUT_SECONDS = 120;

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  @Option(names = {"-o", "--output"}, paramLabel = "<file>",
      description = "Write the document to this file (replaced atomically) instead of standard output.")
  Path output;

  @Option(names = "--format", paramLabel = "json|yaml",
      description = "json or yaml (default: yaml when the output file ends in .yaml or .yml, else json).")
  String format;

  @Option(names = "--jar", paramLabel = "<file>",
      description = "The app's runnable jar (default: target/<name>.jar of the project; build it with mvn -B package -DskipTests).")
  Path jar;

  @Option(names = "--class-path", paramLabel = "<path>",
      description = "Run the app from this class path with --main instead of a jar.")
  String classPath;

  @Option(names = "--main", paramLabel = "<class>", description = "The app's main class, with --class-path.")
  String mainClass;

  @Override
  public Integer call() throws IOException {
    boolean yaml = yaml();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (classPath != null || mainClass != null) {
      if (classPath == null || mainClass == null || jar != null) {
        throw CliException.usage("--class-path and --main go together, without --jar");
      }
      command.addAll(List.of("-cp", classPath, mainClass));
    } else {
      Path j = jar != null ? jar : defaultJar();
      if (!Files.isRegularFile(j)) {
        throw CliException.usage("no such jar: " + j + " (build the project first: mvn -B package -DskipTests)");
      }
      command.addAll(List.of("-jar", j.toAbsolutePath().toString()));
    }
    Path work = Files.createTempDirectory("vivace-openapi");
    try {
      Path doc = work.resolve(yaml ? "openapi.yaml" : "openapi.json");
      String text = export(command, doc, work.resolve("app.log"));
      if (output == null) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
      } else {
        replace(output, text);
        spec.commandLine().getOut().println("wrote " + output);
        spec.commandLine().getOut().flush();
      }
      return VivaceCli.EXIT_OK;
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private boolean yaml() {
    if (format == null) {
      String name = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".yaml") || name.endsWith(".yml");
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> false;
      case "yaml", "yml" -> true;
      default -> throw CliException.usage("--format must be json or yaml, was '" + format + "'");
    };
  }

  private Path defaultJar() throws IOException {
    Project project = Project.find(dir);
    return project.root.resolve("target").resolve(project.name + ".jar");
  }

  /** Runs the app with the export setting; the document's text, or a one-line failure with the app's last line. */
  private String export(List<String> command, Path doc, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("VIVACE_OPENAPI_EXPORT", doc.toString());
    Process p = pb.start();
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CliException(VivaceCli.EXIT_IO, "the app did not write its document within " + TIMEOUT_SECONDS
            + " s (does its main call app.run() or app.start()?)");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CliException(VivaceCli.EXIT_IO, "interrupted");
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    PrintWriter err = spec.commandLine().getErr();
    for (String line : lines) {
      if (line.contains("OpenAPI: route")) { // the undeclared-result warnings, for CI logs
        err.println(line);
      }
    }
    err.flush();
    if (p.exitValue() != 0 || !Files.isRegularFile(doc)) {
      String last = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("\t") && !l.startsWith("at "))
          .reduce((a, b) -> b).orElse("no output");
      throw new CliException(VivaceCli.EXIT_IO, "the app exited with status " + p.exitValue()
          + " without writing its document: " + last.strip());
    }
    return Files.readString(doc, StandardCharsets.UTF_8);
  }

  /** Writes {@code text} to a temporary file beside {@code file}, then moves it over {@code file}. */
  private static void replace(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw new CliException(VivaceCli.EXIT_IO, "no such folder: " + target.getParent());
    }
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
