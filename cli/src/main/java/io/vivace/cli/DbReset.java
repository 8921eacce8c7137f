package io.vivace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vivace db reset}: everything dropped, the migrations applied again; guarded (see the description). */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Drops every schema of the database (all tables and data), then applies the migrations again. "
        + "Asks first; refuses a server that is not on this machine unless --force.")
final class DbReset implements Callable<Integer> {
  @Mixin
  DbCommand.Context c;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--force", description = "Also on a server that is not on this machine.")
  boolean force;

  @Option(names = "--seed", description = "Run the seed hook afterwards.")
  boolean seed;

  @Override
  public Integer call() throws IOException {
    Project p = c.project();
    try (DbServer server = DbServer.open(p, c.err())) {
      if (!server.local() && !force) {
        throw CliException.refused("refusing to reset " + server.url + ": not on this machine (use --force "
            + "if you really mean to drop everything there)");
      }
      if (!yes && !confirmed(server)) {
        throw CliException.refused("reset cancelled: nothing was dropped");
      }
      int dropped = dropSchemas(server);
      int n = DbCommand.migrate(p, server);
      c.out().println("Reset " + server.url + ": dropped " + dropped + " schema(s), applied " + n + " migration(s)");
      c.out().flush();
      if (seed) {
        DbCommand.seed(c, p, server);
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
      throw DbCommand.Context.failed(server, e);
    }
  }
}
