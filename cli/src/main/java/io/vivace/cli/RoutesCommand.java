package io.vivace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.vivace.route.PathPatterns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace routes}: the project's route table, read from its sources (every
 * {@code app.get("/path", ...)}, {@code post}, {@code put}, {@code patch}, {@code delete} with a literal
 * path, the same on a group declared with {@code app.group("/prefix", g -> ...)} in the same file,
 * with the prefix, and {@code caches.statsRoute("/path")}), plus the framework's {@code GET /health},
 * the probes {@code /health/live} and {@code /health/ready}, {@code GET /metrics} and, in a project with the {@code auth} feature, the auth module's routes. Each line says how the
 * route is served: {@code static} (the per-event-loop table) or {@code router}, by the server's own
 * rule ({@link PathPatterns#shadowedBy}: an exact path no earlier pattern for the same method could
 * match, no {@code Path}/{@code Body} extractor, not blocking). Routes built from computed paths
 * are not listed.
 */
@Command(name = "routes", mixinStandardHelpOptions = true,
    description = "Prints the project's route table: method, path, where it is declared.")
final class RoutesCommand implements Callable<Integer> {
  private static final Pattern ROUTE = Pattern.compile("\\b(\\w+)\\.(get|post|put|patch|delete)\\(\\s*\"([^\"]*)\"");
  private static final Pattern GROUP = Pattern.compile("\\b(\\w+)\\.group\\(\\s*\"([^\"]*)\"\\s*,\\s*(\\w+)\\s*->");
  private static final Pattern STATS = Pattern.compile("\\.statsRoute\\(\\s*\"([^\"]*)\"");
  /** The routes {@code AuthModule.mount(app, db, auth)} declares under its default prefix. */
  private static final List<Route> AUTH_MODULE = List.of(new Route("POST", "/auth/signup", "(auth module)", true),
      new Route("POST", "/auth/login", "(auth module)", true), new Route("POST", "/auth/refresh", "(auth module)", true),
      new Route("POST", "/auth/logout", "(auth module)", true), new Route("GET", "/auth/me", "(auth module)", false));

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  /**
   * One declared route.
   *
   * @param needsRouter whether its declaration needs the router whatever its path: a {@code Path}
   *     or {@code Body} extractor, or {@code .blocking()}
   */
  record Route(String method, String path, String where, boolean needsRouter) {
  }

  @Override
  public Integer call() throws IOException {
    Project project = Project.find(dir);
    List<Route> routes = scan(project.root.resolve("src/main/java"));
    if (project.has("auth")) {
      routes.addAll(AUTH_MODULE);
    }
    routes.add(new Route("GET", "/health", "(framework)", true));
    routes.add(new Route("GET", "/health/live", "(framework)", true));
    routes.add(new Route("GET", "/health/ready", "(framework)", true));
    routes.add(new Route("GET", "/metrics", "(framework)", true));
    List<String> served = served(routes);
    PrintWriter out = spec.commandLine().getOut();
    int width = routes.stream().mapToInt(r -> r.path().length()).max().orElse(4);
    int whereWidth = routes.stream().mapToInt(r -> r.where().length()).max().orElse(4);
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      out.printf("%-7s %-" + width + "s  %-" + whereWidth + "s  %s%n", r.method(), r.path(), r.where(), served.get(i));
    }
    out.flush();
    return VivaceCli.EXIT_OK;
  }

  /**
   * How each route is served, by the server's rule: {@code static}, or {@code router} with the
   * reason (a pattern, an earlier pattern that could match, a path parameter, body or blocking).
   * Files are scanned in name order, so across files the order is approximate.
   */
  static List<String> served(List<Route> routes) {
    List<String> methods = routes.stream().map(Route::method).toList();
    List<String> paths = routes.stream().map(Route::path).toList();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      int by = PathPatterns.isExact(r.path()) ? PathPatterns.shadowedBy(methods, paths, i) : -1;
      out.add(!PathPatterns.isExact(r.path()) ? "router"
          : by >= 0 ? "router (after " + methods.get(by) + " " + paths.get(by) + ")"
          : r.needsRouter() ? "router" : "static");
    }
    return out;
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
      String text = Files.readString(f, StandardCharsets.UTF_8);
      String where = sources.relativize(f) + ":";
      Map<String, String> prefixes = new HashMap<>();
      prefixes.put("app", "");
      Matcher group = GROUP.matcher(text);
      while (group.find()) {
        String outer = prefixes.get(group.group(1));
        if (outer != null) {
          String p = group.group(2).replaceAll("/+$", "");
          prefixes.put(group.group(3), outer + p);
        }
      }
      java.util.TreeMap<Integer, Route> inFile = new java.util.TreeMap<>(); // by offset: file order
      Matcher m = ROUTE.matcher(text);
      while (m.find()) {
        String prefix = prefixes.get(m.group(1));
        if (prefix == null) {
          continue;
        }
        String path = prefix.isEmpty() ? m.group(3) : m.group(3).equals("/") ? prefix : prefix + m.group(3);
        String call = statement(text, m.end());
        boolean needsRouter = call.contains("Path.") || call.contains("Body.") || call.contains(".blocking()");
        inFile.put(m.start(), new Route(m.group(2).toUpperCase(java.util.Locale.ROOT), path, where + line(text, m.start()), needsRouter));
      }
      Matcher stats = STATS.matcher(text);
      while (stats.find()) {
        inFile.put(stats.start(), new Route("GET", stats.group(1), where + line(text, stats.start()), false));
      }
      routes.addAll(inFile.values());
    }
    return routes;
  }

  /** The text from {@code from} to the end of the statement (the next {@code ;} outside strings and parentheses). */
  private static String statement(String text, int from) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(' || c == '{') {
        depth++;
      } else if (c == ')' || c == '}') {
        depth--;
      } else if (c == ';' && depth <= 0) {
        return text.substring(from, i);
      }
    }
    return text.substring(from);
  }

  private static int line(String text, int offset) {
    int n = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
