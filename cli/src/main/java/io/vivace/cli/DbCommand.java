package io.vivace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace db}: Flyway over the project's database ({@link DbServer}: {@code DATABASE_URL}, else
 * its embedded PostgreSQL) with the project's migrations ({@code src/main/resources/db/migration},
 * read from the folder, so no build is needed). Database failures are one line, exit
 * {@value VivaceCli#EXIT_DATABASE}.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = "The project's database: migrations (Flyway), psql, seed data, reset.",
    subcommands = {DbCommand.Migrate.class, DbCommand.Info.class, DbCommand.Validate.class, DbCommand.Repair.class,
        DbCommand.Seed.class, DbReset.class, DbPsql.class})
final class DbCommand implements Runnable {
  /** The seed hook: SQL run in one transaction by {@code vivace db seed} and after {@code reset --seed}. */
  static final String SEED = "src/main/seed/seed.sql";
  static final String MIGRATIONS = "src/main/resources/db/migration";

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing command: migrate, info, validate, repair, seed, reset or psql");
  }

  /** What every subcommand shares: the project folder, the server, Flyway, printing. */
  static final class Context {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
        description = "The project folder, or one inside it (default: the current folder).")
    Path dir;

    Project project() throws IOException {
      Project p = Project.find(dir);
      if (!p.has("db")) {
        throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "the project has no database (feature db)");
      }
      return p;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    static Flyway flyway(Project project, DbServer server) {
      return Flyway.configure(DbCommand.class.getClassLoader())
          .dataSource(server.url.jdbcUrl(), server.url.user(), server.url.password())
          .locations("filesystem:" + project.root.resolve(MIGRATIONS))
          .cleanDisabled(true)
          .load();
    }

    static CliException failed(DbServer server, Exception e) {
      String first = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.toString());
      return new CliException(VivaceCli.EXIT_DATABASE, "database " + server.url + ": " + first);
    }
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Applies pending migrations.")
  static final class Migrate implements Callable<Integer> {
    @Mixin
    Context c;

    @Override
    public Integer call() throws IOException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p, c.err())) {
        int n = migrate(p, server);
        c.out().println("Applied " + n + " migration(s) to " + server.url + " (" + server.source + ")");
        c.out().flush();
        return VivaceCli.EXIT_OK;
      }
    }
  }

  static int migrate(Project p, DbServer server) {
    try {
      return Context.flyway(p, server).migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw Context.failed(server, e);
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "Lists migrations: version, state, when applied.")
  static final class Info implements Callable<Integer> {
    @Mixin
    Context c;

    @Override
    public Integer call() throws IOException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p, c.err())) {
        MigrationInfo[] all;
        try {
          all = Context.flyway(p, server).info().all();
        } catch (FlywayException e) {
          throw Context.failed(server, e);
        }
        PrintWriter out = c.out();
        out.println("Database " + server.url + " (" + server.source + ")");
        out.printf("%-16s %-40s %-10s %s%n", "version", "description", "state", "installed on");
        for (MigrationInfo m : all) {
          out.printf("%-16s %-40s %-10s %s%n", m.getVersion() == null ? "" : m.getVersion(), m.getDescription(),
              m.getState().getDisplayName(), m.getInstalledOn() == null ? "" : m.getInstalledOn());
        }
        out.flush();
        return VivaceCli.EXIT_OK;
      }
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Checks applied migrations against the files (changed, missing or pending ones fail).")
  static final class Validate implements Callable<Integer> {
    @Mixin
    Context c;

    @Override
    public Integer call() throws IOException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p, c.err())) {
        ValidateResult r;
        try {
          r = Context.flyway(p, server).validateWithResult();
        } catch (FlywayException e) {
          throw Context.failed(server, e);
        }
        if (!r.validationSuccessful) {
          String why = r.invalidMigrations.isEmpty() ? String.valueOf(r.errorDetails == null ? "" : r.errorDetails.errorMessage)
              : r.invalidMigrations.get(0).version + ": " + r.invalidMigrations.get(0).errorDetails.errorMessage;
          throw new CliException(VivaceCli.EXIT_DATABASE, "database " + server.url + ": validation failed ("
              + r.invalidMigrations.size() + " migration(s)): " + why.strip().lines().findFirst().orElse(""));
        }
        c.out().println("Valid: " + server.url + " matches " + MIGRATIONS);
        c.out().flush();
        return VivaceCli.EXIT_OK;
      }
    }
  }

  @Command(name = "repair", mixinStandardHelpOptions = true,
      description = "Repairs the schema history: removes failed entries, realigns checksums with the files.")
  static final class Repair implements Callable<Integer> {
    @Mixin
    Context c;

    @Override
    public Integer call() throws IOException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p, c.err())) {
        var r = Context.flyway(p, server).repair();
        c.out().println("Repaired the schema history of " + server.url + ": " + r.migrationsRemoved.size() + " removed, "
            + r.migrationsAligned.size() + " realigned");
        c.out().flush();
        return VivaceCli.EXIT_OK;
      } catch (FlywayException e) {
        throw new CliException(VivaceCli.EXIT_DATABASE, "repair failed: " + e.getMessage().strip().lines().findFirst().orElse(""));
      }
    }
  }

  @Command(name = "seed", mixinStandardHelpOptions = true,
      description = "Applies pending migrations, then runs the seed hook " + SEED + " in one transaction.")
  static final class Seed implements Callable<Integer> {
    @Mixin
    Context c;

    @Override
    public Integer call() throws IOException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p, c.err())) {
        migrate(p, server);
        seed(c, p, server);
        return VivaceCli.EXIT_OK;
      }
    }
  }

  static void seed(Context c, Project p, DbServer server) throws IOException {
    Path file = p.root.resolve(SEED);
    if (!Files.isRegularFile(file)) {
      throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "no seed hook: write the SQL that fills a development "
          + "database into " + SEED);
    }
    String sql = Files.readString(file, StandardCharsets.UTF_8);
    try (Connection conn = DriverManager.getConnection(server.url.jdbcUrl(), server.url.user(), server.url.password());
        Statement st = conn.createStatement()) {
      conn.setAutoCommit(false);
      st.execute(sql);
      conn.commit();
    } catch (SQLException e) {
      throw new CliException(VivaceCli.EXIT_DATABASE, "the seed hook " + SEED + " failed on " + server.url
          + ", nothing was kept: " + e.getMessage().strip().lines().findFirst().orElse(""));
    }
    c.out().println("Seeded " + server.url + " from " + SEED);
    c.out().flush();
  }

}
