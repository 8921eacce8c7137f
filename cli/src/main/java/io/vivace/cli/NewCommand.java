package io.vivace.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace new <name>}: a Maven project on the framework that builds, passes its tests and
 * serves at once. The folder must not exist (exit 2) unless {@code --force}, which writes over the
 * files of the same name and leaves the others alone.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Creates a Maven project: main class, a health and an example route, tests, "
        + "Flyway migrations folder, Gatling simulation (mvn -Pload), container image (jib:buildTar), README.",
    footer = {"", "Features: db (PostgreSQL, Flyway; the default), cache (Caffeine caches and a cached route),",
        "  redis (the caches' Redis tier when REDIS_URL is set; implies cache),",
        "  auth (JWT bearer tokens, /auth/signup|login|refresh|logout|me; needs db; JWT_SECRET).",
        "Example: vivace new shop --features db,redis,auth"})
final class NewCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "<name>", description = "Project name: lower case, digits, hyphens (my-shop); "
      + "also the artifact id and the jar's name.")
  String name;

  @Option(names = "--group", paramLabel = "<group>", defaultValue = "com.example",
      description = "Maven group id (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(names = "--package", paramLabel = "<package>",
      description = "Java package (default: <group>.<name without hyphens>).")
  String packageName;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "Folder to create the project in (default: the current folder).")
  Path dir;

  @Option(names = "--features", paramLabel = "<list>", defaultValue = "db",
      description = "Comma-separated: db, cache, redis (implies cache), auth (needs db); \"\" for none "
          + "(default: ${DEFAULT-VALUE}).")
  String features;

  @Option(names = "--force", description = "Write into an existing folder, overwriting files of the same name.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Names.project(name);
    Names.packageName("--group", group);
    String pkg = Names.packageName("--package",
        packageName != null ? packageName : group + "." + name.replace("-", ""));
    List<String> chosen = Features.parse(features);
    Path root = dir.resolve(name).toAbsolutePath().normalize();
    if (Files.exists(root) && !force) {
      throw CliException.refused("the folder " + root + " exists; nothing was written (use --force to write into it)");
    }
    Project project = new Project(root, name, group, pkg, chosen, Map.of());
    Staging files = files(project);
    files.commit(force);
    var out = spec.commandLine().getOut();
    out.println("Created " + name + " in " + root + " (" + files.files().size() + " files).");
    out.println("Next: cd " + dir.resolve(name) + " && mvn -B verify && "
        + (project.has("auth") ? "JWT_SECRET=$(openssl rand -hex 32) " : "") + "vivace dev   (reloads on save; Ctrl-C stops)");
    out.flush();
    return VivaceCli.EXIT_OK;
  }

  /** Every file of a new project. */
  static Staging files(Project project) {
    Map<String, Object> m = model(project);
    Staging s = new Staging(project.root);
    String main = project.sourceDir("main");
    String test = project.sourceDir("test");
    String app = project.appClass();
    s.add("pom.xml", Templates.render("project/pom.xml.mustache", m));
    s.add("README.md", Templates.render("project/README.md.mustache", m));
    s.add(".gitignore", Templates.render("project/gitignore.mustache", m));
    s.add(main + "/" + app + ".java", Templates.render("project/App.java.mustache", m));
    s.add(main + "/Greeting.java", Templates.render("project/Greeting.java.mustache", m));
    s.add(test + "/" + app + "Test.java", Templates.render("project/AppTest.java.mustache", m));
    s.add(".env.example", Templates.render("project/env.example.mustache", m));
    if (project.has("cache")) {
      s.add(main + "/Greetings.java", Templates.render("project/Greetings.java.mustache", m));
    }
    if (project.has("auth")) {
      s.add(test + "/TestAccounts.java", Templates.render("project/TestAccounts.java.mustache", m));
    }
    s.add("src/gatling/java/" + project.packageName.replace('.', '/') + "/" + Names.className(project.name)
        + "Simulation.java", Templates.render("project/Simulation.java.mustache", m));
    if (project.has("db")) {
      s.add("src/main/resources/db/migration/.gitkeep", "");
      s.add(DbCommand.SEED, Templates.render("project/seed.sql.mustache", m));
      s.add(main + "/Resources.java", Templates.render("project/Resources.java.mustache",
          ResourceModel.registry(project)));
    }
    s.add(Project.FILE, project.render());
    return s;
  }

  static Map<String, Object> model(Project project) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", project.name);
    m.put("group", project.group);
    m.put("package", project.packageName);
    m.put("appClass", project.appClass());
    m.put("simulationClass", Names.className(project.name) + "Simulation");
    m.put("db", project.has("db"));
    m.put("cache", project.has("cache"));
    m.put("redis", project.has("redis"));
    m.put("auth", project.has("auth"));
    m.put("features", project.features.isEmpty() ? "none" : String.join(", ", project.features));
    m.put("v", Versions.load().model());
    return m;
  }
}
