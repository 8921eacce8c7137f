package io.vivace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
        DbCommand.Seed.class, DbCommand.Reset.class, DbCommand.Psql.class})
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
      try (DbServer server = DbServer.open(p)) {
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
      try (DbServer server = DbServer.open(p)) {
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
      try (DbServer server = DbServer.open(p)) {
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
      try (DbServer server = DbServer.open(p)) {
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
      try (DbServer server = DbServer.open(p)) {
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

  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = "Drops every schema of the database (all tables and data), then applies the migrations again. "
          + "Asks first; refuses a server that is not on this machine unless --force.")
  static final class Reset implements Callable<Integer> {
    @Mixin
    Context c;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--force", description = "Also on a server that is not on this machine.")
    boolean force;

    @Option(names = "--seed", description = "Run the seed hook afterwards.")
    boolean seed;

    @Override
    public Integer call() throws IOException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p)) {
        if (!server.local() && !force) {
          throw CliException.refused("refusing to reset " + server.url + ": not on this machine (use --force "
              + "if you really mean to drop everything there)");
        }
        if (!yes && !confirmed(server)) {
          throw CliException.refused("reset cancelled: nothing was dropped");
        }
        int dropped = dropSchemas(server);
        int n = migrate(p, server);
        c.out().println("Reset " + server.url + ": dropped " + dropped + " schema(s), applied " + n + " migration(s)");
        c.out().flush();
        if (seed) {
          seed(c, p, server);
        }
        return VivaceCli.EXIT_OK;
      }
    }

    private boolean confirmed(DbServer server) throws IOException {
      PrintWriter err = c.err();
      err.print("This drops every table and row of " + server.url + ". Type the database name ("
          + server.url.database() + ") to go on: ");
      err.flush();
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null && answer.strip().equals(server.url.database());
    }
  }

  /** Drops every schema but the system ones, and gives {@code public} back empty; the count dropped. */
  static int dropSchemas(DbServer server) {
    try (Connection conn = DriverManager.getConnection(server.url.jdbcUrl(), server.url.user(), server.url.password());
        Statement st = conn.createStatement()) {
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
          + "AND nspname <> 'information_schema'")) {
        while (rs.next()) {
          schemas.add(rs.getString(1));
        }
      }
      for (String s : schemas) {
        st.execute("DROP SCHEMA \"" + s.replace("\"", "\"\"") + "\" CASCADE");
      }
      st.execute("CREATE SCHEMA IF NOT EXISTS public");
      return schemas.size();
    } catch (SQLException e) {
      throw Context.failed(server, e);
    }
  }

  @Command(name = "psql", mixinStandardHelpOptions = true,
      description = "Runs psql on the project's database; arguments after -- go to psql.")
  static final class Psql implements Callable<Integer> {
    @Mixin
    Context c;

    @Parameters(paramLabel = "<psql argument>", description = "Passed to psql (e.g. -- -c 'SELECT 1').")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      Project p = c.project();
      try (DbServer server = DbServer.open(p)) {
        List<String> cmd = new ArrayList<>(List.of("psql", "-h", server.url.host(), "-p", Integer.toString(server.url.port()),
            "-U", server.url.user(), "-d", server.url.database()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        if (server.url.password() != null) {
          pb.environment().put("PGPASSWORD", server.url.password());
        }
        pb.environment().put("PGSSLMODE", server.url.sslMode());
        Process psql;
        try {
          psql = pb.start();
        } catch (IOException e) {
          throw new CliException(VivaceCli.EXIT_IO, "cannot run psql (install PostgreSQL's client, e.g. apt-get install "
              + "postgresql-client): " + e.getMessage());
        }
        return psql.waitFor();
      }
    }
  }
}
