package io.vivace.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vivace db psql}: PostgreSQL's client on the project's database, with this terminal. */
@Command(name = "psql", mixinStandardHelpOptions = true,
    description = "Runs psql on the project's database; arguments after -- go to psql.")
final class DbPsql implements Callable<Integer> {
  @Mixin
  DbCommand.Context c;

  @Parameters(paramLabel = "<psql argument>", description = "Passed to psql (e.g. -- -c 'SELECT 1').")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Project p = c.project();
    try (DbServer server = DbServer.open(p, c.err())) {
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
