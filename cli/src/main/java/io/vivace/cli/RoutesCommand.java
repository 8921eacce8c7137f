package io.vivace.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace routes}: the project's route table as the application itself declares it
 * ({@code App.servedRoutes()}, through {@link RoutesLauncher} in a JVM on the project's class path,
 * after an in-process compile as {@code vivace dev} does it: {@link DevClasspath}, {@link DevCompiler}),
 * so routes of groups, modules (the auth module's) and computed paths are all there; then the
 * framework's own {@code GET /health}, the probes and {@code GET /metrics}. Each line says how the
 * route is served: {@code static} (the per-event-loop table) or {@code router}, by the server's rule.
 * Nothing starts: no database or Redis is needed.
 */
@Command(name = "routes", mixinStandardHelpOptions = true,
    description = "Prints the project's route table, from the app itself: method, path, how it is served.")
final class RoutesCommand implements Callable<Integer> {
  /** The framework's own routes, which the server adds to every app. */
  static final List<String[]> FRAMEWORK = List.of(new String[] {"GET", "/health", "router (framework)"},
      new String[] {"GET", "/health/live", "router (framework)"}, new String[] {"GET", "/health/ready", "router (framework)"},
      new String[] {"GET", "/metrics", "router (framework)"});

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  @Option(names = "--mvn", paramLabel = "<command>", defaultValue = "mvn",
      description = "Maven, run once to resolve the class path (default: mvn from the PATH).")
  String mvn;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Project project = Project.find(dir);
    PrintWriter err = spec.commandLine().getErr();
    Versions versions = Versions.load();
    List<Path> classpath = DevClasspath.resolve(project, mvn, versions.of("maven-dependency-plugin"), err);
    DevCompiler compiler = new DevCompiler(project, classpath, versions.property("maven.compiler.release"));
    compiler.copyResources();
    String errors = compiler.compile(null);
    if (errors != null) {
      throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "the project does not compile: "
          + errors.lines().findFirst().orElse(""));
    }
    List<String[]> routes = new ArrayList<>();
    for (String line : declared(project, classpath)) {
      routes.add(line.split("\t", 3));
    }
    routes.addAll(FRAMEWORK);
    PrintWriter out = spec.commandLine().getOut();
    int width = routes.stream().mapToInt(r -> r[1].length()).max().orElse(4);
    for (String[] r : routes) {
      out.printf("%-7s %-" + width + "s  %s%n", r[0], r[1], r[2]);
    }
    out.flush();
    return VivaceCli.EXIT_OK;
  }

  /** The app's routes, one {@code METHOD<TAB>path<TAB>how} line each, from {@link RoutesLauncher}. */
  private static List<String> declared(Project project, List<Path> classpath) throws IOException, InterruptedException {
    Path launcher = project.root.resolve("target/vivace-dev/launcher");
    DevApp.install(launcher, RoutesLauncher.class);
    List<String> cp = new ArrayList<>(List.of(launcher.toString(), project.root.resolve("target/classes").toString()));
    classpath.forEach(p -> cp.add(p.toString()));
    Path output = Files.createTempFile("vivace-routes", ".txt");
    try {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, cp), RoutesLauncher.class.getName(),
          project.packageName + "." + project.appClass())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      if (p.isAlive() || p.exitValue() != 0) {
        throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "cannot build the app to read its routes: "
            + String.join(" | ", lines.subList(0, Math.min(3, lines.size()))));
      }
      return lines.stream().filter(l -> l.indexOf('\t') > 0).toList();
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
