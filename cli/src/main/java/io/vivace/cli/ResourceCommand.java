package io.vivace.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace generate resource <Name> field:type...}: a table, a record, a repository, routes and
 * their tests, and the registration of the routes. A resource that exists is refused (exit 2) unless
 * {@code --force}, which regenerates its files from the new fields (its create-table migration is
 * rewritten in place: only do that before the migration has run on a database you keep).
 */
@Command(name = "resource", mixinStandardHelpOptions = true,
    description = "Adds a database-backed REST resource: migration, record, repository, routes, tests.",
    footer = {"", "Types: string, text, int, long, bool, decimal, timestamp, date, uuid,",
        "  ref:<Resource> (a foreign key; the relation is named after the field).",
        "Modifiers after the type: ? nullable, ! unique. Example:",
        "  vivace generate resource Book title:string! pages:int? author:ref:Author"})
final class ResourceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<Name>", description = "Singular UpperCamelCase name (BlogPost).")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "<field:type>", description = "The fields.")
  List<String> fieldArgs;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  @Option(names = "--force", description = "Regenerate an existing resource's files.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Names.resource(name);
    List<FieldSpec> fields = new ArrayList<>();
    for (String arg : fieldArgs) {
      fields.add(FieldSpec.parse(arg));
    }
    Project project = Project.find(dir);
    if (!project.has("db")) {
      throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "this project has no database (feature db), "
          + "which a resource needs; nothing was written");
    }
    for (FieldSpec f : fields) {
      if (f.type() == FieldType.REF && !project.resources.containsKey(f.target())) {
        throw CliException.usage("field '" + f.toArg() + "' refers to " + f.target() + ", which is not a resource "
            + "of this project" + (f.target().equals(name) ? " yet (a resource cannot refer to itself)" : "")
            + "; generate it first");
      }
    }
    if (project.resources.containsKey(name) && !force) {
      throw CliException.refused("the resource " + name + " exists; nothing was written (use --force to "
          + "regenerate it)");
    }
    Project next = project.with(name, fields);
    checkNames(next);
    Staging s = files(next, name, String.join(" ", prepend(name, fieldArgs)), Clock.systemUTC());
    List<String> written = s.commit(force);
    var out = spec.commandLine().getOut();
    if (written.isEmpty()) {
      out.println("Nothing changed: " + name + " is already generated with these fields.");
    }
    for (String f : written) {
      out.println("Wrote " + f);
    }
    out.flush();
    return VivaceCli.EXIT_OK;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** Field, column and relation names must be distinct within each resource of {@code project}. */
  static void checkNames(Project project) {
    Map<String, String> classes = new java.util.HashMap<>();
    classes.put(project.appClass(), "the app");
    classes.put(project.appClass() + "Test", "the app's test");
    classes.put("Greeting", "the example route");
    if (project.has("cache")) {
      classes.put("Greetings", "the cached example route");
    }
    if (project.has("auth")) {
      classes.put("TestAccounts", "the tests' accounts");
    }
    for (String r : project.resources.keySet()) {
      for (String suffix : new String[] {"", "Input", "Repository", "Routes", "RoutesTest", "Relations", "Detail"}) {
        String previous = classes.put(r + suffix, "resource " + r);
        if (previous != null) {
          throw CliException.usage("the class " + r + suffix + " of resource " + r + " clashes with a class of "
              + previous + "; choose another resource name");
        }
      }
    }
    for (Map.Entry<String, List<FieldSpec>> r : project.resources.entrySet()) {
      Set<String> seen = new HashSet<>(Set.of("id"));
      Set<String> columns = new HashSet<>(Set.of("id"));
      for (FieldSpec f : r.getValue()) {
        if (!seen.add(f.name()) || !seen.add(f.property()) && !f.property().equals(f.name())
            || !columns.add(f.column())) {
          throw CliException.usage("resource " + r.getKey() + ": the field '" + f.toArg()
              + "' clashes with another field's name or column");
        }
      }
      for (ResourceModel.Relation rel : ResourceModel.relations(project, r.getKey())) {
        if (rel.many() && !seen.add(rel.name())) {
          throw CliException.usage("resource " + r.getKey() + ": the relation '" + rel.name() + "' (from "
              + rel.other() + "." + rel.field().name() + ") clashes with a field of the same name");
        }
      }
      String clash = JsonAccessors.clash(seen);
      if (clash != null) {
        throw CliException.usage("resource " + r.getKey() + ": '" + clash + "' needs the JSON getter "
            + JsonAccessors.getter(clash) + "(), which is already the accessor of '" + JsonAccessors.getter(clash)
            + "'; rename one of them");
      }
    }
  }

  /**
   * The files of {@code resource}, plus the files of every resource it refers to (their relations
   * gain a has-many), the route registration and the project description.
   */
  static Staging files(Project project, String resource, String args, Clock clock) throws java.io.IOException {
    Staging s = new Staging(project.root);
    Map<String, Object> m = ResourceModel.of(project, resource, args);
    String main = project.sourceDir("main") + "/";
    String table = Names.table(resource);
    String migration = Migrations.existing(project.root, "create_" + table);
    s.add(migration != null ? migration : Migrations.next(project.root, "create_" + table, clock),
        Templates.render("resource/migration.sql.mustache", m));
    s.add(main + resource + ".java", Templates.render("resource/Record.java.mustache", m));
    s.add(main + resource + "Input.java", Templates.render("resource/Input.java.mustache", m));
    s.add(main + resource + "Repository.java", Templates.render("resource/Repository.java.mustache", m));
    s.add(main + resource + "Routes.java", Templates.render("resource/Routes.java.mustache", m));
    s.add(project.sourceDir("test") + "/" + resource + "RoutesTest.java",
        Templates.render("resource/RoutesTest.java.mustache", m));
    for (String r : project.resources.keySet()) {
      Map<String, Object> rm = r.equals(resource) ? m : ResourceModel.of(project, r, "");
      s.addManaged(main + r + "Relations.java", Templates.render("resource/Relations.java.mustache", rm));
      s.addManaged(main + r + "Detail.java", Templates.render("resource/Detail.java.mustache", rm));
    }
    s.addManaged(main + "Resources.java", Templates.render("project/Resources.java.mustache", ResourceModel.registry(project)));
    s.addManaged(Project.FILE, project.render());
    return s;
  }
}
