package io.vivace.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vivace generate migration <name>}: an empty Flyway migration, applied at the app's next start. */
@Command(name = "migration", mixinStandardHelpOptions = true,
    description = "Adds an empty Flyway migration V<timestamp>__<name>.sql under src/main/resources/db/migration.")
final class MigrationCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "<name>", description = "What it does, in snake_case (add_index_to_books).")
  String name;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Names.migration(name);
    Project project = Project.find(dir);
    if (!project.has("db")) {
      throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "this project has no database (feature db); "
          + "nothing was written");
    }
    String file = Migrations.next(project.root, name, Clock.systemUTC());
    Staging s = new Staging(project.root);
    s.add(file, "-- " + name + ": applied by Flyway when the app starts.\n");
    s.commit(false);
    spec.commandLine().getOut().println("Created " + file);
    spec.commandLine().getOut().flush();
    return VivaceCli.EXIT_OK;
  }
}
