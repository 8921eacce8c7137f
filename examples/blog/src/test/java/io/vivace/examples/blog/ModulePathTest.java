package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.AppProcess;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.RawHttp;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework modules as named modules: their {@code module-info.java} exports every API package
 * and no {@code impl} package, an app on the module path compiles against the API and not against
 * an {@code impl} package, and that app runs (services, DSL-JSON converters, the Vert.x packages
 * the request decoder needs, Flyway and PostgreSQL on a fresh test database). The module path is
 * this app's runtime class path ({@code target/module-path.txt}, written by the build).
 */
class ModulePathTest {
  /** The framework's modules, by name, and where their module-info.java is. */
  private static final Map<String, String> MODULES = Map.of(
      "io.vivace.core", "framework-core",
      "io.vivace.db", "framework-db",
      "io.vivace.auth", "framework-auth",
      "io.vivace.auth.module", "framework-auth-module",
      "io.vivace.cache", "framework-cache",
      "io.vivace.tracing", "framework-tracing");
  private static final List<String> ADD_EXPORTS = List.of(
      "--add-exports", "io.vertx.core/io.vertx.core.http.impl=io.vivace.core",
      "--add-exports", "io.vertx.core/io.vertx.core.net.impl=io.vivace.core");

  private static String modulePath;
  private static Map<String, ModuleDescriptor> framework;

  @TempDir
  static Path dir;
  /** The app's sources and, compiled once, its classes. */
  private static Path src;
  private static Path classes;

  @BeforeAll
  static void modulePathAndApp() throws IOException {
    Path file = Path.of("target", "module-path.txt");
    assertTrue(Files.isRegularFile(file), file + " is missing: the build writes it (dependency:build-classpath)");
    modulePath = Files.readString(file).trim();
    framework = new TreeMap<>();
    for (String entry : modulePath.split(java.io.File.pathSeparator)) {
      for (ModuleReference ref : ModuleFinder.of(Path.of(entry)).findAll()) {
        ModuleDescriptor d = ref.descriptor();
        if (MODULES.containsKey(d.name())) {
          framework.put(d.name(), d);
        }
      }
    }
    assertEquals(new TreeSet<>(MODULES.keySet()), framework.keySet(), "named framework modules on " + modulePath);
    src = app();
    classes = dir.resolve("classes");
    assertEquals("", compile(src, classes), "the app against the API");
    Path migrations = Files.createDirectories(classes.resolve("db/migration"));
    Files.writeString(migrations.resolve("V1__note.sql"), "CREATE TABLE note (id serial PRIMARY KEY);\n"
        + "INSERT INTO note DEFAULT VALUES;\n");
  }

  @Test
  void everyApiPackageIsExportedAndNoImplPackageIs() {
    List<String> wrong = new ArrayList<>();
    framework.forEach((name, d) -> {
      Set<String> exported = d.exports().stream().filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
      for (String p : new TreeSet<>(d.packages())) {
        boolean internal = List.of(p.split("\\.")).contains("impl");
        if (internal && exported.contains(p)) {
          wrong.add(name + " exports the internal package " + p);
        } else if (!internal && !exported.contains(p)) {
          wrong.add(name + " does not export " + p + ": add 'exports " + p + ";' to "
              + MODULES.get(name) + "/src/main/java/module-info.java (or name the package impl)");
        }
      }
      d.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
          .filter(e -> !e.targets().stream().allMatch(MODULES::containsKey))
          .forEach(e -> wrong.add(name + " exports " + e.source() + " to a module outside the framework: " + e.targets()));
    });
    assertEquals(List.of(), wrong);
  }

  @Test
  void anAppCompilesAgainstTheApiAndNotAgainstImplPackages() throws IOException {
    // The API compiled in modulePathAndApp; the same app with one more file importing every impl package:
    List<String> internal = framework.values().stream().flatMap(d -> d.packages().stream())
        .filter(p -> List.of(p.split("\\.")).contains("impl")).sorted().collect(Collectors.toList());
    assertTrue(internal.contains("io.vivace.route.impl") && internal.contains("io.vivace.db.impl"), internal.toString());
    StringBuilder imports = new StringBuilder("package app;\n\n");
    for (String p : internal) {
      imports.append("import ").append(p).append(".*;\n");
    }
    Path bad = dir.resolve("bad-src");
    copy(src, bad);
    Files.writeString(bad.resolve("app/Internal.java"), imports + "\nfinal class Internal {\n}\n");
    String errors = compile(bad, dir.resolve("bad"));
    for (String p : internal) {
      assertTrue(errors.contains("package " + p + " is not visible"), p + " is visible to an app: " + errors);
    }
  }

  @Test
  void theAppRunsOnTheModulePath() throws Exception {
    // /docs: core resolves Swagger UI's webjar itself, not only because resolving one automatic
    // module (dsl.json) resolves every automatic module on the module path
    assertTrue(framework.get("io.vivace.core").requires().stream().anyMatch(r -> r.name().equals("swagger.ui")
        && !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)), framework.get("io.vivace.core").requires()
        .toString());
    // Quick start-up options: the processes only start, answer three requests and stop.
    List<String> args = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "--module-path", modulePath + java.io.File.pathSeparator + classes));
    DatabaseUrl db = TestDatabase.fresh();
    Map<String, String> env = Map.of("HOST", "127.0.0.1", "PORT", "0", "VIVACE_EVENT_LOOPS", "1",
        "DATABASE_URL", databaseUrl(db));
    try {
      run(args, env);
    } finally {
      TestDatabase.drop(db);
    }
  }

  private static void run(List<String> args, Map<String, String> env) throws Exception {
    // Without the two options the start fails at once, before it touches the database.
    try (AppProcess bare = AppProcess.java(concat(args, List.of("-m", "app/app.Main")), env)) {
      assertEquals(1, bare.awaitExit(30_000), bare.lines().toString());
      assertTrue(bare.lines().stream().anyMatch(l -> l.contains(
          "--add-exports io.vertx.core/io.vertx.core.http.impl=io.vivace.core --add-exports io.vertx.core/io.vertx.core.net.impl=io.vivace.core")),
          "the failed start names the options: " + bare.lines());
    }

    try (AppProcess app = AppProcess.java(concat(args, ADD_EXPORTS, List.of("-m", "app/app.Main")), env)) {
      int port = app.awaitPort(30_000);
      try (RawHttp http = new RawHttp("127.0.0.1", port)) {
        http.write(RawHttp.get("/json") + RawHttp.get("/token") + RawHttp.get("/missing") + RawHttp.get("/notes"));
        List<RawHttp.Response> r = http.read(4);
        assertEquals(200, r.get(0).status());
        assertEquals("{\"message\":\"Hello, World!\"}", r.get(0).body());
        assertEquals(200, r.get(1).status());                 // a converter generated in a named module
        assertEquals("{\"accessToken\":\"a\",\"tokenType\":\"Bearer\",\"expiresIn\":900,\"refreshToken\":\"r\"}", r.get(1).body());
        assertEquals(404, r.get(2).status(), r.get(2).body()); // io.vivace.db's ProblemMapper, through provides/uses
        assertEquals("application/problem+json", r.get(2).header("content-type"));
        assertEquals(200, r.get(3).status(), r.get(3).body()); // Flyway read db/migration, opened to it
        assertEquals("1", r.get(3).body());
        http.write(RawHttp.get("/metrics") + RawHttp.get("/health/ready"));
        List<RawHttp.Response> ops = http.read(2);
        assertEquals(200, ops.get(0).status(), ops.get(0).body()); // Micrometer, an automatic module
        List<PrometheusText.Sample> samples = PrometheusText.parse(ops.get(0).body());
        assertTrue(PrometheusText.sum(samples, "jvm_memory_used_bytes") > 0, "the JVM meters read java.management");
        assertTrue(PrometheusText.value(samples, "vivace_db_queries_total") >= 1, "the database's meters");
        assertEquals(200, ops.get(1).status(), ops.get(1).body());
        // the OpenAPI document, and Swagger UI's files from the webjar (the automatic module swagger.ui)
        http.write(RawHttp.get("/openapi.json") + RawHttp.get("/docs") + RawHttp.get("/docs/swagger-ui.css")
            + RawHttp.get("/docs/swagger-ui-bundle.js"));
        List<RawHttp.Response> docs = http.read(4);
        assertEquals(200, docs.get(0).status(), docs.get(0).body());
        assertTrue(docs.get(0).body().contains("\"/notes\""), docs.get(0).body());
        assertEquals(200, docs.get(1).status(), "/docs on the module path: " + docs.get(1).body());
        assertTrue(docs.get(1).body().contains("<div id=\"swagger-ui\"></div>"), docs.get(1).body());
        assertEquals(200, docs.get(2).status(), docs.get(2).body());
        assertEquals("text/css; charset=utf-8", docs.get(2).header("content-type"));
        assertEquals(200, docs.get(3).status());
        assertTrue(docs.get(3).body().contains("SwaggerUIBundle"), "the bundle's script");
      }
      app.terminate();
      assertEquals(0, app.awaitExit(15_000), app.lines().toString());
    }
  }

  /** {@code db} as a {@code DATABASE_URL} value, password included. */
  private static String databaseUrl(DatabaseUrl db) {
    String url = "postgres://" + db.user()
        + (db.password() == null ? "" : ":" + URLEncoder.encode(db.password(), StandardCharsets.UTF_8))
        + "@" + db.host() + ":" + db.port() + "/" + db.database() + "?sslmode=" + db.sslMode();
    return db.sslRootCert() == null ? url : url + "&sslrootcert=" + db.sslRootCert();
  }

  /** A tiny app module that uses one API type of every framework module. */
  private static Path app() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("app"));
    // db.migration holds only resources: javac warns that it is empty, and Flyway needs it opened.
    Files.writeString(src.resolve("module-info.java"),
        "module app {\n  requires io.vivace.auth.module;\n  opens db.migration;\n}\n");
    Files.writeString(src.resolve("app/Main.java"), String.join("\n",
        "package app;",
        "",
        "import io.vertx.sqlclient.Tuple;",
        "import io.vivace.App;",
        "import io.vivace.Vivace;",
        "import io.vivace.auth.AuthOptions;",
        "import io.vivace.auth.module.TokenPair;",
        "import io.vivace.cache.CacheBuilder;",
        "import io.vivace.db.Database;",
        "import io.vivace.db.NotFoundException;",
        "import java.util.Map;",
        "",
        "public final class Main {",
        "  static final Class<?>[] API = {AuthOptions.class, CacheBuilder.class};",
        "",
        "  public static void main(String[] args) {",
        "    App app = Vivace.app();",
        "    Database db = Database.attach(app);",
        "    app.get(\"/json\", () -> Map.of(\"message\", \"Hello, World!\"));",
        "    app.get(\"/token\", () -> new TokenPair(\"a\", \"Bearer\", 900, \"r\"));",
        "    app.get(\"/missing\", () -> {",
        "      throw new NotFoundException(\"no such thing\");",
        "    });",
        "    app.get(\"/notes\", () -> db.one(\"SELECT count(*) AS n FROM note\", Tuple.tuple(), r -> r.getLong(\"n\")));",
        "    app.run();",
        "  }",
        "}",
        ""));
    return src;
  }

  /** Compiles every source under {@code src} on the module path; returns the errors, "" when none. */
  private static String compile(Path src, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<Path> files;
    try (var walk = Files.walk(src)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options = List.of("--module-path", modulePath, "-d", out.toString(), "-proc:none");
      boolean ok = javac.getTask(new StringWriter(), fm, diagnostics, options, null,
          fm.getJavaFileObjectsFromPaths(files)).call();
      String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
      assertFalse(ok && !errors.isEmpty());
      return ok ? "" : errors.isEmpty() ? "failed without errors" : errors;
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
