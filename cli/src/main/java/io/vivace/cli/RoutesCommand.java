package io.vivace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace routes}: the project's route table, read from its sources (every
 * {@code app.get("/path", ...)}, {@code post}, {@code put}, {@code patch}, {@code delete} with a literal
 * path, and {@code caches.statsRoute("/path")}), plus the framework's {@code GET /health}, the probes
 * {@code /health/live} and {@code /health/ready}, {@code GET /metrics} and, in a
 * project with the {@code auth} feature, the auth module's routes. Routes built from computed paths
 * are not listed.
 */
@Command(name = "routes", mixinStandardHelpOptions = true,
    description = "Prints the project's route table: method, path, where it is declared.")
final class RoutesCommand implements Callable<Integer> {
  private static final Pattern ROUTE = Pattern.compile("\\bapp\\.(get|post|put|patch|delete)\\(\\s*\"([^\"]*)\"");
  private static final Pattern STATS = Pattern.compile("\\.statsRoute\\(\\s*\"([^\"]*)\"");
  /** The routes {@code AuthModule.mount(app, db, auth)} declares under its default prefix. */
  private static final List<Route> AUTH_MODULE = List.of(new Route("POST", "/auth/signup", "(auth module)"),
      new Route("POST", "/auth/login", "(auth module)"), new Route("POST", "/auth/refresh", "(auth module)"),
      new Route("POST", "/auth/logout", "(auth module)"), new Route("GET", "/auth/me", "(auth module)"));

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  /** One declared route. */
  record Route(String method, String path, String where) {
  }

  @Override
  public Integer call() throws IOException {
    Project project = Project.find(dir);
    List<Route> routes = scan(project.root.resolve("src/main/java"));
    if (project.has("auth")) {
      routes.addAll(AUTH_MODULE);
    }
    routes.add(new Route("GET", "/health", "(framework)"));
    routes.add(new Route("GET", "/health/live", "(framework)"));
    routes.add(new Route("GET", "/health/ready", "(framework)"));
    routes.add(new Route("GET", "/metrics", "(framework; VIVACE_METRICS)"));
    PrintWriter out = spec.commandLine().getOut();
    int width = routes.stream().mapToInt(r -> r.path().length()).max().orElse(4);
    for (Route r : routes) {
      out.printf("%-7s %-" + width + "s  %s%n", r.method(), r.path(), r.where());
    }
    out.flush();
    return VivaceCli.EXIT_OK;
  }

  /** The routes declared in the Java files under {@code sources}, by file name, then in file order. */
  static List<Route> scan(Path sources) throws IOException {
    List<Route> routes = new ArrayList<>();
    if (!Files.isDirectory(sources)) {
      return routes;
    }
    List<Path> files;
    try (Stream<Path> all = Files.walk(sources)) {
      files = all.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ROUTE.matcher(lines.get(i));
        while (m.find()) {
          routes.add(new Route(m.group(1).toUpperCase(java.util.Locale.ROOT), m.group(2),
              sources.relativize(f) + ":" + (i + 1)));
        }
        Matcher stats = STATS.matcher(lines.get(i));
        while (stats.find()) {
          routes.add(new Route("GET", stats.group(1), sources.relativize(f) + ":" + (i + 1)));
        }
      }
    }
    return routes;
  }
}
